/// How long a test waits for something that will happen. A wait returns as soon as its
/// condition holds, so a generous deadline costs nothing when all is well; it only decides how
/// long a real failure takes to report. Deadlines written in the tests are what an idle machine
/// needs; CI runs on a loaded 2-core machine (other suites, a CPU hog beside it), so every
/// deadline is stretched here, in one place, instead of being tuned test by test.
public enum Patience {
    /// Applied to every polled deadline of the Docker suites.
    public static let factor = 3.0

    public static func seconds(_ wanted: Double) -> Double {
        wanted * factor
    }
}
