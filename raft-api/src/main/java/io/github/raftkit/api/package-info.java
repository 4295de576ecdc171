/**
 * What a user of raftkit touches: a {@link io.github.raftkit.api.RaftServer} built from a
 * {@link io.github.raftkit.api.RaftConfig}, identities and membership, and the status it reports. This module depends
 * on the JDK alone; plugins implement the SPIs in {@code io.github.raftkit.api.spi}.
 */
package io.github.raftkit.api;
