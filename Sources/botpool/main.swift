import BotpoolCLI

await BotpoolCommand.main()
