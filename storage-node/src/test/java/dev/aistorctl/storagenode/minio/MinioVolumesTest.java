package dev.aistorctl.storagenode.minio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aistorctl.core.InvalidConfigException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * MINIO_VOLUMES as MinIO reads it. Sources:
 * <ul>
 *   <li>https://docs.min.io/enterprise/aistor-object-store/reference/aistor-server: one
 *       HOSTNAME/DIRECTORIES argument per server pool, {x...y} for sequential hosts and drives,
 *       the same arguments on every host;</li>
 *   <li>MinIO's distributed design notes (github.com/minio/minio, docs/distributed/DESIGN.md):
 *       erasure sets of up to 16 drives, chosen from the drive count;</li>
 *   <li>https://docs.min.io/aistor/reference/aistor-server/configuration-file/: the startup
 *       configuration file for "distributed clusters with non-sequential hostnames".</li>
 * </ul>
 */
class MinioVolumesTest {
    @Test
    void referenceClusterIsOnePoolInEllipsesNotationServedFromASubdirectoryOfEachDrive() {
        MinioVolumes v = MinioVolumes.of(TestInventories.altra8());

        assertThat(v.form()).isEqualTo(VolumesForm.ELLIPSES);
        assertThat(v.minioVolumes()).contains("http://node{01...08}.dc1.example.net:9000/mnt/drive{1...8}/minio");
        PoolVolumes pool = v.pools().get(0);
        assertThat(pool.dataDirs()).first().isEqualTo("/mnt/drive1/minio");
        assertThat(pool.dataDirs()).hasSize(8).allMatch(d -> d.endsWith("/minio"));
        assertThat(pool.dataDirFiles()).first().isEqualTo(new ManagedFile("/mnt/drive1/minio", "0750", "minio-user", "minio-user"));
        // 64 drives: 4 sets of 16 at MinIO's default parity for 16 drives, EC:4.
        assertThat(pool.layout().setSize()).isEqualTo(16);
        assertThat(pool.layout().setCount()).isEqualTo(4);
        assertThat(pool.layout().parity()).isEqualTo(4);
        // min_size 15TB: 64 x 15 TB raw, 12/16 of it usable.
        assertThat(pool.rawBytes()).contains(960_000_000_000_000L);
        assertThat(pool.usableBytes()).contains(720_000_000_000_000L);
        // With the Micron 7500 PRO's 15.36 TB, as the example's comment says: 737 TB usable.
        assertThat(pool.usableBytes(15_360_000_000_000L)).isEqualTo(737_280_000_000_000L);
        assertThat(pool.summary()).isEqualTo("pool1: 8 hosts x 8 drives, 4 sets of 16 drives, EC:4, 720 TB usable");
        assertThat(v.reason()).contains("sequential");
    }

    @Test
    void twoPoolsAreTwoSpaceSeparatedArguments() {
        MinioVolumes v = MinioVolumes.of(TestInventories.good("two-pools.yaml"));

        assertThat(v.minioVolumes()).contains("http://node{01...08}.dc1.example.net:9000/mnt/drive{1...8}/minio"
                + " http://node{09...12}.dc1.example.net:9000/mnt/drive{1...4}/minio");
        assertThat(v.pools()).extracting(p -> p.layout().toString())
                .containsExactly("4 sets of 16 drives, EC:4", "1 set of 16 drives, EC:4");
    }

    @Test
    void aSingleNodeUsesLocalPathsAsMinioDocumentsForSingleNodeDeployments() {
        MinioVolumes v = MinioVolumes.of(TestInventories.singleNode());

        assertThat(v.form()).isEqualTo(VolumesForm.ELLIPSES);
        assertThat(v.minioVolumes()).contains("/mnt/drive{1...4}/minio");
        // 4 drives: one set of 4 at EC:2, half the raw capacity.
        assertThat(v.pools().get(0).layout().toString()).isEqualTo("1 set of 4 drives, EC:2");
        assertThat(v.reason()).contains("single node");
    }

    @Test
    void aSingleDriveIsAPlainPath() {
        MinioVolumes v = MinioVolumes.of(TestInventories.good("single-drive.yaml"));

        assertThat(v.minioVolumes()).contains("/mnt/data/minio");
        assertThat(v.pools().get(0).layout().singleDrive()).isTrue();
    }

    @Test
    void hostsOutsideTheNotationGoToTheStartupConfigurationFileAndTheResultSaysWhy() {
        MinioVolumes v = MinioVolumes.of(TestInventories.ours("non-sequential.yaml"));

        assertThat(v.form()).isEqualTo(VolumesForm.CONFIG_FILE);
        assertThat(v.minioVolumes()).isEmpty();
        assertThat(v.reason()).contains("pool pool1", "not one sequential range", MinioPaths.CONFIG_FILE);
        assertThat(v.pools().get(0).drivePattern()).isEqualTo("/mnt/drive{1...4}/minio");
        assertThat(v.pools().get(0).layout().toString()).isEqualTo("1 set of 16 drives, EC:4");
    }

    @Test
    void ansibleRangesBecomeMinioRanges() {
        MinioVolumes v = MinioVolumes.of(TestInventories.good("ansible-range.yaml"));

        assertThat(v.minioVolumes()).contains("http://node{01...04}.lab.example.net:9000/data/disk{1...4}/minio");
    }

    @Test
    void letterRangesAreNotMinioNotation() {
        // rack{1...2}-node[a:d]: the inventory expands letters, MinIO's parser takes decimal ranges only.
        MinioVolumes v = MinioVolumes.of(TestInventories.good("multi-range.yaml"));

        assertThat(v.form()).isEqualTo(VolumesForm.CONFIG_FILE);
        assertThat(v.pools().get(0).hosts()).startsWith("rack1-nodea.example.net");
    }

    @Test
    void ipv6HostsAreBracketedInUrls() {
        MinioVolumes v = MinioVolumes.of(TestInventories.good("ip-list.yaml"));

        assertThat(v.form()).isEqualTo(VolumesForm.CONFIG_FILE);
        assertThat(v.hostUrl("2001:db8::13")).isEqualTo("http://[2001:db8::13]:19000");
        assertThat(v.hostUrl("192.0.2.11")).isEqualTo("http://192.0.2.11:19000");
        // A list of mounts that is a sequence is still one pattern.
        assertThat(v.pools().get(0).drivePattern()).isEqualTo("/mnt/disk{1...4}/minio");
    }

    @Test
    void aSequentialHostListIsWrittenAsARange() {
        MinioVolumes v = MinioVolumes.of(TestInventories.parse(inventory("[store1.example.net, store2.example.net, store3.example.net, store4.example.net]",
                "\"/mnt/drive{1...4}\"")));

        assertThat(v.minioVolumes()).contains("http://store{1...4}.example.net:9000/mnt/drive{1...4}/minio");
    }

    @Test
    void mountsThatAreNotOneSequenceAreRefusedWithTheFix() {
        var inventory = TestInventories.parse(inventory("node{1...4}.example.net", "[/data/a, /data/b, /data/c, /data/d]"));

        assertThatThrownBy(() -> MinioVolumes.of(inventory))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("pool 'p1'")
                .hasMessageContaining("/mnt/driveN");
    }

    @Test
    void httpsWhenTlsIsConfigured() {
        MinioVolumes v = MinioVolumes.of(TestInventories.altra8(), "https");

        assertThat(v.minioVolumes()).contains("https://node{01...08}.dc1.example.net:9000/mnt/drive{1...8}/minio");
    }

    private static String inventory(String hosts, String mount) {
        return String.join("\n", List.of(
                "version: 1",
                "cluster: {name: t}",
                "ssh: {user: root}",
                "node:",
                "  binary: {path: minio, sha256: 3f9c5e0b8a41d2c67e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b0c9d}",
                "  root_user: admin",
                "  root_password: {env: AISTOR_ROOT_PASSWORD}",
                "pools:",
                "  - name: p1",
                "    hosts: " + hosts,
                "    drives: {count: 4, mount: " + mount + "}",
                ""));
    }
}
