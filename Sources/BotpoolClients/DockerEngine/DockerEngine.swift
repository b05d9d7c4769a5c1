/// The Docker Engine REST API (https://docs.docker.com/engine/api/), spoken over an
/// `HTTPTransport`: `Client` and its endpoint extensions, the request and response `Types`, and
/// `Error`. Only what botpool needs: containers, their logs, images, and the daemon's version.
public enum DockerEngine {}
