/** The replicated log's entries, shared by the engine, the wire and the log stores. */
package io.github.raftkit.api.log;
