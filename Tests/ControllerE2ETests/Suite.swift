import Testing

/// Every end-to-end scenario shares the one Docker daemon, so they run one at a time.
@Suite(.serialized) enum E2E {}
