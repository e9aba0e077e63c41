package dev.aistorctl.playbooks.tune;

/**
 * What tuning steps assume when a playbook does not say: which profile, whether to revert, and whether
 * the MTU may be changed. {@code aistorctl tune} sets these from its options; {@code aistorctl run tune}
 * uses {@link #STANDARD}.
 *
 * @param profile  a built-in profile name or a path to a profile file
 * @param revert   restore the recorded original values and remove the persisted files
 * @param applyMtu change link MTUs to the profile's (otherwise they are only reported)
 */
public record TuneDefaults(String profile, boolean revert, boolean applyMtu) {
    public static final TuneDefaults STANDARD = new TuneDefaults(TuningProfiles.DEFAULT, false, false);
}
