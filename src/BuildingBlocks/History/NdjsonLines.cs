using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace StudentBase.History;

/// <summary>
/// Writes items to a response one JSON object a line, into the response's pipe, and hands the bytes to the connection
/// in chunks rather than an item at a time (each flush is a write to the socket).
/// </summary>
public static class NdjsonLines
{
    public const string ContentType = "application/x-ndjson";
    private const int FlushAfterBytes = 32 * 1024;

    public static async Task WriteAsync<T>(HttpResponse response, IAsyncEnumerable<T> items, JsonSerializerOptions options, CancellationToken cancellation)
    {
        response.ContentType = ContentType;
        var output = response.BodyWriter;
        await using var writer = new Utf8JsonWriter(output, new JsonWriterOptions { Encoder = options.Encoder, SkipValidation = true });
        long unflushed = 0;
        await foreach (var item in items.WithCancellation(cancellation))
        {
            JsonSerializer.Serialize(writer, item, options);
            writer.Flush();
            output.Write("\n"u8);
            unflushed += writer.BytesCommitted + 1;
            writer.Reset();
            if (unflushed >= FlushAfterBytes)
            {
                if ((await output.FlushAsync(cancellation)).IsCompleted)
                {
                    return; // the reader has gone
                }

                unflushed = 0;
            }
        }

        await output.FlushAsync(cancellation);
    }
}
