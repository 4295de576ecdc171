/** The state-machine plugin contract: what a replicated service implements. */
package io.github.raftkit.api.statemachine;
