/**
 * Exactly-once client writes (dissertation §6.3): the envelope every command travels in, the replicated session table
 * that decides in log order whether a write is new, and the state machine wrapper that keeps that table beside the
 * user's state, in its snapshots too. Everything here runs on the apply thread, deterministically; only the reply cache
 * is local to a member and never decides anything.
 */
package io.github.raftkit.core.session;
