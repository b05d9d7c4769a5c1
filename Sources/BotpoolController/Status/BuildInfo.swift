/// What `botpool --version` prints and `botpool_build_info{version}` says.
public enum BuildInfo {
    public static let version = "0.1.0"
}
