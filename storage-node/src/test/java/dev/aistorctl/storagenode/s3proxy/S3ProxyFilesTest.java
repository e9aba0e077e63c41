package dev.aistorctl.storagenode.s3proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aistorctl.inventory.Inventory;
import dev.aistorctl.storagenode.minio.ContentHash;
import dev.aistorctl.storagenode.minio.Golden;
import dev.aistorctl.storagenode.minio.ManagedFile;
import dev.aistorctl.storagenode.minio.MinioPaths;
import dev.aistorctl.storagenode.minio.Secret;
import dev.aistorctl.storagenode.minio.SystemdVerify;
import dev.aistorctl.storagenode.minio.TestInventories;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lab flavour's files. Keys from S3Proxy's README (github.com/gaul/s3proxy). */
class S3ProxyFilesTest {
    private static final Secret CREDENTIAL = Secret.of("lab-credential-1");

    private static Inventory lab() {
        return TestInventories.good("s3proxy-defaults.yaml");
    }

    @Test
    void propertiesFromTheInventory() throws Exception {
        S3ProxyProperties p = S3ProxyProperties.of(lab());
        Golden.assertMatches("s3proxy-defaults/s3proxy.properties.redacted", p.redacted());
        Golden.assertMatches("s3proxy-defaults/s3proxy.properties", p.render(CREDENTIAL));

        Properties loaded = new Properties();
        loaded.load(new StringReader(p.render(CREDENTIAL)));
        assertThat(loaded).containsEntry("s3proxy.endpoint", "http://0.0.0.0:9000")
                .containsEntry("s3proxy.authorization", "aws-v2-or-v4")
                .containsEntry("s3proxy.identity", "lab")
                .containsEntry("s3proxy.credential", "lab-credential-1")
                .containsEntry("jclouds.provider", "filesystem")
                // s3proxy-defaults.yaml leaves mount out: the default /mnt/drive1, served from its minio directory.
                .containsEntry("jclouds.filesystem.basedir", "/mnt/drive1/minio");
    }

    @Test
    void theCredentialIsOnlyInTheRealRendering() {
        S3ProxyProperties p = S3ProxyProperties.of(lab());

        assertThat(p.redacted()).contains("s3proxy.credential=<redacted>").doesNotContain("lab-credential-1");
        assertThat(p.contentHash()).isEqualTo(ContentHash.sha256(p.redacted()));
        assertThat(p.file()).isEqualTo(new ManagedFile("/etc/default/s3proxy.properties", "0640", "root", "minio-user"));
        assertThat(p.toString()).doesNotContain("lab-credential-1");
        assertThatThrownBy(() -> p.render(Secret.of(""))).hasMessageContaining("env:LAB_S3_SECRET");
    }

    @Test
    void anyCredentialSurvivesPropertiesEscaping() throws Exception {
        for (String hostile : new String[] {" leading", "a=b:c#d!e", "back\\slash", "tab\there", "ünïcødé", "trailing ", "\u2603"}) {
            S3ProxyProperties p = new S3ProxyProperties("lab", "test", 9000, "/mnt/drive1/minio");
            Properties loaded = new Properties();
            // S3Proxy reads the file with Properties.load(InputStream): ISO-8859-1.
            loaded.load(new java.io.ByteArrayInputStream(p.render(Secret.of(hostile)).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)));
            assertThat(loaded.getProperty("s3proxy.credential")).isEqualTo(hostile);
        }
    }

    @Test
    void theUnitRunsTheJarUnderMinioNameAndAccount(@TempDir Path tmp) throws Exception {
        String unit = S3ProxyUnit.render();
        Golden.assertMatches("s3proxy.service", unit);
        assertThat(unit.lines()).contains(
                "Type=simple",
                "User=minio-user",
                "Group=minio-user",
                "ExecStart=/usr/bin/java -XX:MaxRAMPercentage=75 -XX:+UseSerialGC -XX:CompileThresholdScaling=10 -jar /usr/local/lib/aistor/s3proxy.jar --properties /etc/default/s3proxy.properties",
                "Restart=always",
                "LimitNOFILE=1048576");
        assertThat(S3ProxyUnit.file().path()).isEqualTo(MinioPaths.UNIT_FILE);
        SystemdVerify.assertVerifies(tmp, MinioPaths.UNIT_FILE, unit,
                Map.of(S3ProxyPaths.JAVA, true, S3ProxyPaths.JAR, false, S3ProxyPaths.PROPERTIES_FILE, false));
    }
}
