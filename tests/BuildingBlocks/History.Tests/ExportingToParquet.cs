using System.Text.Json.Nodes;
using Parquet;

namespace StudentBase.History.Tests;

public class ExportingToParquet
{
    private static HistoricalEvent Event(long sequence) => new(
        sequence, Guid.CreateVersion7(), Guid.CreateVersion7(), 1, "student_nominated", new DateTimeOffset(2026, 12, 2, 10, 0, 0, TimeSpan.Zero),
        JsonNode.Parse("""{"nationality":"GB"}"""), "trace", "cause", "xmu-student-system", "University", "RegisterStudent");

    private static async IAsyncEnumerable<HistoricalEvent> Events(int count)
    {
        for (var sequence = 1; sequence <= count; sequence++)
        {
            await Task.Yield();
            yield return Event(sequence);
        }
    }

    [Fact]
    public async Task every_event_becomes_one_row_that_a_parquet_reader_reads_back()
    {
        using var file = new MemoryStream();

        var written = await ParquetExport.WriteAsync(Events(3), file, TestContext.Current.CancellationToken);

        written.ShouldBe(3);
        file.Position = 0;
        await using var reader = await ParquetReader.CreateAsync(file, cancellationToken: TestContext.Current.CancellationToken);
        var fields = reader.Schema.GetDataFields();
        fields.Select(field => field.Name).ShouldBe(
            ["sequence", "id", "stream_id", "version", "type", "timestamp", "data", "correlation_id", "causation_id", "actor", "actor_role", "command"]);
        using var rows = reader.OpenRowGroupReader(0);
        var sequences = new long[rows.RowCount];
        var data = new string[rows.RowCount];
        await rows.ReadAsync<long>(fields[0], sequences, null, TestContext.Current.CancellationToken);
        await rows.ReadAsync(fields[6], data, null, TestContext.Current.CancellationToken);
        sequences.ShouldBe([1L, 2L, 3L]);
        data.ShouldAllBe(json => json == """{"nationality":"GB"}""");
    }

    [Fact]
    public async Task an_empty_history_is_still_a_readable_file()
    {
        using var file = new MemoryStream();

        (await ParquetExport.WriteAsync(Events(0), file, TestContext.Current.CancellationToken)).ShouldBe(0);

        file.Position = 0;
        await using var reader = await ParquetReader.CreateAsync(file, cancellationToken: TestContext.Current.CancellationToken);
        reader.Schema.GetDataFields().Length.ShouldBe(ParquetExport.Schema.GetDataFields().Length);
    }
}
