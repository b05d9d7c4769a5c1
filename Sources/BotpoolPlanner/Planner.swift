import BotpoolManifest

/// desired + observed -> plan. See ../shared/DESIGN.md "Reconcile".
public enum Planner {}
