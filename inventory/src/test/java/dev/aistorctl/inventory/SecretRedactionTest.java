package dev.aistorctl.inventory;

import static dev.aistorctl.inventory.Inventories.MINIMAL;
import static dev.aistorctl.inventory.Inventories.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * A password written where a reference belongs, in any shape, under the right key or a misspelt one,
 * is named by key and position in every problem, never shown: not in the message, the quoted line,
 * the hint, the exception's text, nor any field the JSON output carries.
 */
class SecretRedactionTest {
    private static final String PASSWORD = "Tr0ub4dor&3xyzzy";
    private static final String REFERENCE = "root_password: {env: AISTOR_ROOT_PASSWORD}";

    @ParameterizedTest
    @ValueSource(strings = {
            "root_password: {password: %s}",
            "root_password: {env: \"%s\"}",
            "root_password: {env: AISTOR_ROOT_PASSWORD}\n  root_pasword: %s",
            "root_password: {env: AISTOR_ROOT_PASSWORD}\n  pasword: %s",
            "root_password: {env: AISTOR_ROOT_PASSWORD}\n  secret: [%s]",
            "root_password: {env: AISTOR_ROOT_PASSWORD}\n  token: {value: %s}",
            "root_password:\n    password: %s",
    })
    void theValueAppearsNowhereInTheProblemsOrTheirRendering(String line) {
        String text = MINIMAL.replace(REFERENCE, line.formatted(PASSWORD));

        InvalidInventoryException e = catchThrowableOfType(InvalidInventoryException.class, () -> parse(text));

        assertThat(e).as("refused:%n%s", text).isNotNull();
        assertThat(e.getMessage()).doesNotContain(PASSWORD).doesNotContain("Tr0ub4dor");
        assertThat(e.problems()).isNotEmpty().allSatisfy(p -> {
            assertThat(p.line()).isPositive();
            // Every field the text and the JSON rendering (file, line, column, text, message, hint) print.
            for (String field : new String[] {p.file(), p.offendingText(), p.message(), p.hint(), p.render(), p.oneLine(), p.toString()}) {
                assertThat(field).doesNotContain("Tr0ub4dor");
            }
        });
    }

    @Test
    void theProblemNamesTheKeyAndItsLine() {
        String text = MINIMAL.replace(REFERENCE, REFERENCE + "\n  root_pasword: " + PASSWORD);

        InvalidInventoryException e = catchThrowableOfType(InvalidInventoryException.class, () -> parse(text));

        assertThat(e.problems()).anySatisfy(p -> {
            assertThat(p.message()).contains("unknown key 'root_pasword'");
            assertThat(p.line()).isEqualTo(8);
            assertThat(p.offendingText()).contains("root_pasword").contains("<redacted>");
        });
    }

    @Test
    void anEnvironmentVariableThatIsNotANameIsNotEchoed() {
        String text = MINIMAL.replace(REFERENCE, "root_password: {env: \"" + PASSWORD + "\"}");

        InvalidInventoryException e = catchThrowableOfType(InvalidInventoryException.class, () -> parse(text));

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.message()).contains("root_password env is not an environment variable name");
            assertThat(p.line()).isEqualTo(7);
        });
    }

    @Test
    void keysThatMerelyLookAlikeAreNotSecrets() {
        for (String key : new String[] {"version", "cluster", "name", "hardware_profile", "tuning_profile", "ssh", "user", "port",
                "identity_file", "known_hosts", "become", "jump_host", "connect_timeout", "command_timeout", "node", "flavour",
                "binary", "api_port", "console_port", "root_user", "license", "path", "url", "sha256", "env", "file", "pools",
                "hosts", "drives", "count", "select", "mount", "transport", "model", "min_size", "max_size", "serials", "address"}) {
            assertThat(InventoryReader.secretKey(key)).as(key).isFalse();
        }
        for (String key : new String[] {"root_password", "root_pasword", "pasword", "passwd", "secret", "secrets", "token",
                "api_token", "rootPassword", "root_passwrod", "tokne"}) {
            assertThat(InventoryReader.secretKey(key)).as(key).isTrue();
        }
    }

}
