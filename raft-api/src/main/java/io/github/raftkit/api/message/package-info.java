/** The messages members exchange: a sealed hierarchy of records, one per RPC of the Raft paper and dissertation. */
package io.github.raftkit.api.message;
