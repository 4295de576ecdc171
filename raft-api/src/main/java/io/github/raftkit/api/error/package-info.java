/** The typed errors that raftkit's futures complete with. */
package io.github.raftkit.api.error;
