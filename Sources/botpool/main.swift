import BotpoolCLI

await BotpoolCommand.start()
