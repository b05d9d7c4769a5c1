import BotpoolCLI

MallocTuning.apply()
await BotpoolCommand.start()
