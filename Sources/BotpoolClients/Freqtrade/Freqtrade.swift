/// A FreqTrade bot's REST API (`/api/v1/...`, FreqTrade 2026.9), for what a controller needs to
/// know before it disrupts a bot: is it trading, how many trades are open, when did it last run
/// its loop, and a way to stop new entries while it keeps managing exits. Facts this relies on
/// (checked against a real 2026.9 bot):
/// - only `GET /ping` is open; every other route wants HTTP Basic (or a JWT);
/// - `GET /status` lists the open trades in every trade-mode state, `[]` when flat;
/// - `POST /pause` (alias `/stopentry`, `/stopbuy`) stops new entries and keeps managing exits;
///   `POST /stop` is not a drain (a stopped bot manages nothing);
/// - a bot in `webserver` mode answers the trading routes 503 `Bot is not in the correct state.`,
///   and a refusal by the bot itself is 502 `{"error": "Error querying <path>: <why>"}`.
/// Every answer comes from the bot's process, so every byte is bounded and checked.
public enum Freqtrade {}
