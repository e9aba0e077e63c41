package dev.aistorctl.playbooks.tune;

import dev.aistorctl.core.InvalidConfigException;
import dev.aistorctl.playbooks.StepParams;
import java.util.ArrayList;
import java.util.List;

/** The parameters every tuning step takes: {@code profile} and {@code revert}, defaulting to the run's. */
final class TuneParams {
    static final List<String> COMMON = List.of("profile", "revert");

    private TuneParams() {
    }

    static void allow(StepParams params, String... own) {
        List<String> all = new ArrayList<>(COMMON);
        all.addAll(List.of(own));
        params.allowOnly(all.toArray(String[]::new));
    }

    static TuningProfile profile(StepParams params, TuneDefaults defaults) {
        String ref = params.string("profile", defaults.profile());
        try {
            return TuningProfiles.resolve(ref);
        } catch (InvalidConfigException e) {
            throw params.has("profile") ? params.fail("profile", e.getMessage()) : e;
        }
    }

    static boolean revert(StepParams params, TuneDefaults defaults) {
        return params.bool("revert", defaults.revert());
    }
}
