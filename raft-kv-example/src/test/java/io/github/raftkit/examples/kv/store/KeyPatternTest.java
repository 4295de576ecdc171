package io.github.raftkit.examples.kv.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.raftkit.examples.kv.command.Bytes;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KeyPatternTest {

    @ParameterizedTest(name = "''{0}'' matches ''{1}'': {2}") // the cases Redis documents for KEYS, and escapes
    @CsvSource(delimiter = '|', value = {
        "h?llo|hello|true", "h?llo|hllo|false", "h*llo|hllo|true", "h*llo|heeeello|true", "h*llo|hellox|false",
        "h[ae]llo|hallo|true", "h[ae]llo|hillo|false", "h[^e]llo|hallo|true", "h[^e]llo|hello|false",
        "h[a-b]llo|hbllo|true", "h[a-b]llo|hcllo|false", "h[b-a]llo|hallo|true", "*|''|true", "''|''|true",
        "''|a|false", "a*b*c|axxbyyc|true", "a*b*c|axxbyy|false", "*a*a*a*b|aaaaaaaaaaaaaaaaaaaaaaaa|false",
        "\\*|*|true", "\\*|a|false", "a\\?|a?|true", "a\\?|ab|false", "[\\]]|]|true", "[\\-a]|-|true",
        "[a-]|-|true", "x\\|x\\|true", "[abc|b|true", "[abc|d|false", "[]a|a|false", "?|''|false", "**|''|true"})
    void matchesAsRedisDoes(String pattern, String key, boolean matches) {
        assertEquals(matches, new KeyPattern(Bytes.utf8(pattern)).matches(Bytes.utf8(key)));
    }

    @Test // a set's range compares unsigned bytes, so it reaches beyond ASCII
    void rangesCoverBytesAboveTheAsciiRange() {
        KeyPattern pattern = new KeyPattern(Bytes.of(HexFormat.of().parseHex("5b 80 2d ff 5d".replace(" ", ""))));

        assertEquals(true, pattern.matches(Bytes.of(new byte[] {(byte) 0xc3})));
        assertEquals(false, pattern.matches(Bytes.utf8("a")));
    }

    @Test // the literal prefix bounds the range a KEYS query walks
    void theLiteralPrefixStopsAtTheFirstWildcardAndResolvesEscapes() {
        assertEquals(Bytes.utf8("user:"), new KeyPattern(Bytes.utf8("user:*")).literalPrefix());
        assertEquals(Bytes.utf8("a*b"), new KeyPattern(Bytes.utf8("a\\*b?")).literalPrefix());
        assertEquals(Bytes.utf8("ab"), new KeyPattern(Bytes.utf8("ab[cd]")).literalPrefix());
        assertEquals(Bytes.EMPTY, new KeyPattern(Bytes.utf8("*")).literalPrefix());
    }
}
