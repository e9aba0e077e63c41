package dev.aistorctl.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Property: for any word, the real /bin/sh prints back exactly that word after quoting. Words are drawn
 * from a seeded generator weighted towards shell syntax; a failure names the seed and the word, so it can
 * be replayed.
 */
class ShellQuotePropertyTest {
    private static final char[] SHELL_SPECIAL = "'\"$`\\\n*?[]{}~#!;&|<>() \t-=%".toCharArray();
    private static final long SEED = Long.getLong("shellquote.seed", System.nanoTime());

    @Test
    void real_sh_prints_back_any_quoted_word() throws Exception {
        Random random = new Random(SEED);
        for (int i = 0; i < 300; i++) {
            String word = word(random, true);
            byte[] out = Sh.runStdin("printf %s " + ShellQuote.quote(word));
            assertThat(out).as("seed %d, word %s", SEED, escaped(word)).isEqualTo(word.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** ASCII words also survive being an argument of sh -c, as they are when run through ssh. */
    @Test
    void sh_dash_c_prints_back_any_ascii_word() throws Exception {
        Random random = new Random(SEED + 1);
        for (int i = 0; i < 200; i++) {
            String word = word(random, false);
            byte[] out = Sh.runC("printf %s " + ShellQuote.quote(word));
            assertThat(out).as("seed %d, word %s", SEED + 1, escaped(word)).isEqualTo(word.getBytes(StandardCharsets.US_ASCII));
        }
    }

    private static String word(Random random, boolean unicode) {
        int length = random.nextInt(41);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < length; i++) {
            int pick = random.nextInt(9);
            if (pick < 4) {
                b.append(SHELL_SPECIAL[random.nextInt(SHELL_SPECIAL.length)]);
            } else if (pick < 8 || !unicode) {
                b.append((char) (1 + random.nextInt(127))); // any ASCII but NUL
            } else {
                b.appendCodePoint(0x80 + random.nextInt(0x1F000)); // BMP and beyond, skipping surrogates below
            }
        }
        return b.toString().codePoints()
                .filter(cp -> cp < 0xD800 || cp > 0xDFFF)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
    }

    private static String escaped(String word) {
        StringBuilder b = new StringBuilder("\"");
        word.codePoints().forEach(cp -> {
            if (cp < 32 || cp == 127) {
                b.append(String.format("\\x%02x", cp));
            } else {
                b.appendCodePoint(cp);
            }
        });
        return b.append('"').toString();
    }
}
