import BotpoolManifest

extension Planner {
    /// The status of every desired and frozen bot, sorted by id. Pure, like `plan`; pass the
    /// plan of this pass when there is one (it knows which bots are Unschedulable or backing
    /// off), otherwise it is computed.
    public static func status(
        desired: DesiredState,
        observed: ObservedState,
        now: Timestamp,
        plan: Plan? = nil
    ) -> [BotStatus] {
        StatusBuilder(desired: desired, observed: observed, now: now,
                      plan: plan ?? Planner.plan(desired: desired, observed: observed, now: now)).build()
    }
}
