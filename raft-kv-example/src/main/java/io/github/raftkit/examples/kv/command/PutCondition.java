package io.github.raftkit.examples.kv.command;

/** When a put writes, as Redis's {@code SET} options say. */
public enum PutCondition {
    /** Always. */
    ALWAYS,
    /** Only if the key does not exist ({@code SET ... NX}). */
    IF_ABSENT,
    /** Only if the key exists ({@code SET ... XX}). */
    IF_PRESENT
}
