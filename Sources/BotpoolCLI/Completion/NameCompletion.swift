import ArgumentParser
import BotpoolManifest

/// The shell completions of botpool's name arguments, from the live state (`LiveNames`).
/// ArgumentParser calls them through `botpool ---completion …` from the generated scripts; the
/// shell filters the candidates by what is typed.
enum NameCompletion {
    /// A BOT argument (`restart`, `rollout`, `move`): `tenant/name` of every bot, and the bare
    /// name of each bot of the tenant that `--tenant` (default `default`) names.
    static func bot(command: String) -> CompletionKind {
        .custom { words, index, _ in
            let line = CompletionWords(words, index: index, command: command)
            return botCandidates(await LiveNames.read(line), tenant: line.value("--tenant"), qualified: true)
        }
    }

    /// `describe bot|pool NAME`: pools after `pool`, else the bots of `--tenant`.
    static let describeName = CompletionKind.custom { words, index, _ in
        let line = CompletionWords(words, index: index, command: "describe")
        let names = await LiveNames.read(line)
        return line.positionals.first == "pool" ? names.pools : botCandidates(names, tenant: line.value("--tenant"), qualified: false)
    }

    /// `delete bot NAME`: `bot`, then the bots of `--tenant` (delete takes no `tenant/name`).
    static let deleteTarget = CompletionKind.custom { words, index, _ in
        let line = CompletionWords(words, index: index, command: "delete")
        switch line.positionalIndex {
        case 0: return ["bot"]
        case 1: return botCandidates(await LiveNames.read(line), tenant: line.value("--tenant"), qualified: false)
        default: return []
        }
    }

    /// `--tenant`: every tenant that has a bot.
    static func tenant(command: String) -> CompletionKind {
        .custom { words, index, _ in
            Array(Set(await LiveNames.read(CompletionWords(words, index: index, command: command)).bots.map(\.tenant))).sorted()
        }
    }

    static func botCandidates(_ names: LiveNames, tenant: String?, qualified: Bool) -> [String] {
        let tenant = tenant ?? "default"
        let bare = names.bots.filter { $0.tenant == tenant }.map(\.name)
        return qualified ? bare + names.bots.map(\.description) : bare
    }
}
