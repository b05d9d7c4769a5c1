import BotpoolClients
import Foundation

/// `docker inspect` records, trimmed to the fields adopt reads, as compose and `docker run` make
/// them (recorded on Docker 27).
enum AdoptInspectRecords {
    /// `freqtradeorg/freqtrade:stable` from the FreqTrade docker-compose.yml: entrypoint
    /// `freqtrade`, `./user_data` bound at `/freqtrade/user_data`, 127.0.0.1:8080 → 8080.
    static let composeFreqtrade = """
        {
          "Id": "4f1c2d9e8b7a6f5e4d3c2b1a0f9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e",
          "Name": "/freqtrade",
          "State": {"Status": "running", "Running": true, "Pid": 4242, "ExitCode": 0},
          "HostConfig": {
            "Binds": ["/home/ops/ft_userdata/user_data:/freqtrade/user_data:rw"],
            "PortBindings": {"8080/tcp": [{"HostIp": "127.0.0.1", "HostPort": "8080"}]},
            "Init": false
          },
          "Mounts": [
            {"Type": "bind", "Source": "/home/ops/ft_userdata/user_data", "Destination": "/freqtrade/user_data",
             "Mode": "rw", "RW": true, "Propagation": "rprivate"}
          ],
          "Config": {
            "Image": "freqtradeorg/freqtrade:stable",
            "WorkingDir": "/freqtrade",
            "Entrypoint": ["freqtrade"],
            "Cmd": ["trade", "--logfile", "/freqtrade/user_data/logs/freqtrade.log",
                    "--db-url", "sqlite:////freqtrade/user_data/tradesv3.sqlite",
                    "--config", "/freqtrade/user_data/config.json", "--strategy", "SampleStrategy"],
            "Env": ["FREQTRADE__EXCHANGE__KEY=abc-exchange-key", "FREQTRADE__EXCHANGE__SECRET=s3cr3t-exchange",
                    "FREQTRADE__API_SERVER__PASSWORD=hunter2", "FREQTRADE__TELEGRAM__ENABLED=false",
                    "PATH=/home/ftuser/.local/bin:/usr/local/bin:/usr/bin:/bin", "LANG=C.UTF-8", "HOME=/home/ftuser"],
            "Labels": {"com.docker.compose.project": "ft_userdata", "com.docker.compose.service": "freqtrade"}
          }
        }
        """
    static let freqtradeImageEnv = ["PATH=/home/ftuser/.local/bin:/usr/local/bin:/usr/bin:/bin", "LANG=C.UTF-8", "HOME=/home/ftuser"]

    /// `docker run --init -p 127.0.0.1:18501:8080 -v $PWD/user_data:/srv/user_data -e API_TOKEN=…
    /// --entrypoint python3 botpool/pool:dev -m http.server 8080 --directory /srv/user_data`.
    static let pythonServer = """
        {
          "Id": "9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b",
          "Name": "/legacy_bot_1",
          "State": {"Status": "running", "Running": true},
          "HostConfig": {"PortBindings": {"8080/tcp": [{"HostIp": "127.0.0.1", "HostPort": "18501"}]}, "Init": true},
          "Mounts": [{"Type": "bind", "Source": "/tmp/legacy/user_data", "Destination": "/srv/user_data", "RW": true}],
          "Config": {
            "Image": "botpool/pool:dev", "WorkingDir": "/",
            "Entrypoint": ["python3"], "Cmd": ["-m", "http.server", "8080", "--directory", "/srv/user_data"],
            "Env": ["API_TOKEN=tok-123", "GREETING=hello", "DATA=/srv/user_data/x", "PATH=/usr/bin"]
          }
        }
        """

    static func details(_ json: String, _ change: (inout [String: Any]) -> Void = { _ in }) throws -> DockerEngine.ContainerDetails {
        var object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any] ?? [:]
        change(&object)
        return try JSONDecoder().decode(DockerEngine.ContainerDetails.self, from: JSONSerialization.data(withJSONObject: object))
    }
}
