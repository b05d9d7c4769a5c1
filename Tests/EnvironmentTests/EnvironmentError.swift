/// A step of an environment test that did not work, in words.
enum EnvironmentError: Error {
    case command(String)
}
