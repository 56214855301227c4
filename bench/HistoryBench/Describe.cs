using Npgsql;

namespace HistoryBench;

public static class Describe
{
    public static async Task MachineAsync(NpgsqlDataSource database)
    {
        await using var settings = database.CreateCommand("select version(), current_setting('fsync'), current_setting('synchronous_commit')");
        await using var reader = await settings.ExecuteReaderAsync();
        await reader.ReadAsync();
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores; {reader.GetString(0).Split(" on ")[0]}, fsync {reader.GetString(1)}, " +
                          $"synchronous_commit {reader.GetString(2)}; the benchmark, the service and PostgreSQL share the machine");
    }
}
