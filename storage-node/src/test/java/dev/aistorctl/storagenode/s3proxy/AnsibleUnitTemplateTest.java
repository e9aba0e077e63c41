package dev.aistorctl.storagenode.s3proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * bench/provision times aistorctl against an Ansible playbook that installs the same lab unit from a template of its
 * own. Both tools must start the same server the same way, or the benchmark compares two JVM configurations: the
 * template, rendered with the playbook's variables, is aistorctl's unit byte for byte.
 */
class AnsibleUnitTemplateTest {
    /** The playbook's variables (bench/ansible/provision.yml) that the unit's template uses. */
    private static final Map<String, String> PLAYBOOK_VARS = Map.of(
            "java", "/usr/local/bin/java",
            "jar", S3ProxyPaths.JAR,
            "properties", S3ProxyPaths.PROPERTIES_FILE,
            "service_user", "minio-user",
            "nofile", "1048576");

    @Test
    void thePlaybooksUnitIsAistorctlsUnit() throws IOException {
        String rendered = Files.readString(projectRoot().resolve("bench/ansible/templates/minio.service.j2"));
        for (Map.Entry<String, String> v : PLAYBOOK_VARS.entrySet()) {
            rendered = rendered.replace("{{ " + v.getKey() + " }}", v.getValue());
        }
        assertThat(rendered).doesNotContain("{{");
        assertThat(rendered).isEqualTo(S3ProxyUnit.render(PLAYBOOK_VARS.get("java")));
    }

    private static Path projectRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("bench/ansible"))) {
                return p;
            }
        }
        throw new AssertionError("no bench/ansible above " + Path.of("").toAbsolutePath());
    }
}
