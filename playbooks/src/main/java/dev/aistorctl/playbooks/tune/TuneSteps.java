package dev.aistorctl.playbooks.tune;

import dev.aistorctl.playbooks.StepRegistry;

/**
 * The tuning step types, bound to a run's {@link TuneDefaults}: {@code aistorctl tune} loads the tune playbook
 * through {@link #registry} so its --profile, --revert and --apply-mtu reach every step the playbook does not
 * configure itself.
 */
public final class TuneSteps {
    private TuneSteps() {
    }

    public static StepRegistry registry(TuneDefaults d) {
        return new StepRegistry()
                .register(SysctlSetting.TYPE, p -> SysctlSetting.fromParams(p, d))
                .register(CpuGovernor.TYPE, p -> CpuGovernor.fromParams(p, d))
                .register(TransparentHugePages.TYPE, p -> TransparentHugePages.fromParams(p, d))
                .register(BlockQueueScheduler.TYPE, p -> BlockQueueScheduler.fromParams(p, d))
                .register(OpenFileLimit.TYPE, p -> OpenFileLimit.fromParams(p, d))
                .register(LinkMtu.TYPE, p -> LinkMtu.fromParams(p, d))
                .register(SwapOff.TYPE, p -> SwapOff.fromParams(p, d))
                .register(BootloaderIommu.TYPE, p -> BootloaderIommu.fromParams(p, d));
    }
}
