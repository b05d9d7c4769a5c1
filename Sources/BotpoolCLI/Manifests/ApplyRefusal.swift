/// Why `apply` wrote nothing: the lines to print on stderr and the exit status.
struct ApplyRefusal: Swift.Error, Sendable {
    var lines: [String]
    var exitCode: Int32
}
