import BotpoolManifest

/// desired + observed -> plan. See docs/architecture.md "Reconcile rules".
///
/// Pure: time comes in as `now`, nothing is read from the clock, the disk or the network, and the
/// output depends only on the inputs (every list is sorted by name, never by hash order).
public enum Planner {
    /// Restarts wait 10 s after the first one, doubling up to 5 minutes.
    public static let restartBackOff = BackOff.standard
    /// A bot running healthy this long forgets its restart history (back-off starts again at 10 s).
    public static let backOffResetSeconds: Double = 600

    /// One reconcile decision. The caller executes `plan.actions` in order (an action whose
    /// `dependsOn` failed is skipped) and then keeps `plan.restartHistory` for the next pass.
    public static func plan(
        desired: DesiredState,
        observed: ObservedState,
        now: Timestamp,
        options: PlanOptions = PlanOptions()
    ) -> Plan {
        var builder = PlanBuilder(desired: desired, observed: observed, now: now, options: options)
        return builder.build()
    }
}

/// Seconds since 1970-01-01 UTC, as supervisord reports process start times.
public typealias Timestamp = Double
