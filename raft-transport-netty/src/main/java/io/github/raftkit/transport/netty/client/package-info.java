/**
 * The client side of client traffic: one connection per member, dialled when first needed, and the calls awaiting
 * replies on it, matched by correlation id.
 */
package io.github.raftkit.transport.netty.client;
