@testable import BotpoolCLI
import CMalloc
import Testing

@Suite struct MallocTuningTests {
    @Test func setsTwoArenasAndAFixedMmapThreshold() {
        #expect(MallocTuning.settings(environment: [:]) == [
            .init(parameter: botpool_malloc_arena_max, value: 2),
            .init(parameter: botpool_malloc_mmap_threshold, value: 128 * 1024),
        ])
    }

    @Test func theEnvironmentWins() {
        #expect(MallocTuning.settings(environment: ["MALLOC_ARENA_MAX": "8"])
            == [.init(parameter: botpool_malloc_mmap_threshold, value: 128 * 1024)])
        #expect(MallocTuning.settings(environment: ["MALLOC_ARENA_MAX": "8", "MALLOC_MMAP_THRESHOLD_": "65536"]).isEmpty)
    }
}
