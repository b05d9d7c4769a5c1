import BotpoolCLI

await BotpoolCommand.runFromCommandLine()
