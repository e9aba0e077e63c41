package dev.aistorctl.playbooks.tune;

import dev.aistorctl.playbooks.StepParams;
import java.util.List;
import java.util.Map;

/**
 * The storage service's user may open the profile's number of files (soft and hard nofile) in sessions
 * that go through PAM (logins, su, sudo); the service itself gets LimitNOFILE in its own unit. The user need
 * not exist yet: limits.d names it and PAM applies it once it does.
 */
public final class OpenFileLimit extends TuningStep {
    public static final String TYPE = "open-file-limit";
    static final String FILE = "/etc/security/limits.d/60-aistor.conf";

    private final String profile;
    private final String user;
    private final Long nofile;

    public OpenFileLimit(String profile, String user, Long nofile, boolean revert) {
        super(revert);
        this.profile = profile;
        this.user = user;
        this.nofile = nofile;
    }

    public static OpenFileLimit fromParams(StepParams params) {
        return fromParams(params, TuneDefaults.STANDARD);
    }

    public static OpenFileLimit fromParams(StepParams params, TuneDefaults defaults) {
        TuneParams.allow(params);
        TuningProfile p = TuneParams.profile(params, defaults);
        return new OpenFileLimit(p.name(), p.serviceUser().orElse(null), p.openFiles().orElse(null), TuneParams.revert(params, defaults));
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String describe() {
        return (revert ? "revert " : "") + "open file limit" + (user == null ? "" : " " + nofile + " for " + user);
    }

    @Override
    ReadScript read() {
        return new ReadScript().file(FILE);
    }

    @Override
    List<Target> targets(ObservedState state) {
        return List.of(Target.file(FILE, state.file(FILE).orElse(null), user == null ? null : render(profile, user, nofile)));
    }

    @Override
    String nothingHere(ObservedState state, List<Target> targets) {
        return user == null ? "the profile sets no open file limit" : null;
    }

    static String render(String profile, String user, long nofile) {
        return SysctlSetting.TEMPLATES.render("aistor-limits.conf", Map.of("profile", profile, "user", user, "nofile", nofile));
    }
}
