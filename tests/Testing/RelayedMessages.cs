using System.Diagnostics;
using System.Text.Json;
using Marten;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using StudentBase.Contracts;
using StudentBase.EventSourcing;
using Wolverine;
using Wolverine.Runtime.Serialization;

namespace StudentBase.Testing;

/// <summary>
/// What the integration relay published, read where it arrives: the receiving services' inbox queues (nobody consumes them
/// in a test of one service). The relay publishes after the command's answer, so these wait for it.
/// </summary>
public static class RelayedMessages
{
    private static readonly JsonSerializerOptions Wolverine = new() { PropertyNameCaseInsensitive = true };

    /// <summary>The messages of <typeparamref name="T"/> in an inbox that satisfy <paramref name="about"/>, once there are at least <paramref name="expected"/>.</summary>
    public static async Task<IReadOnlyList<T>> InInboxAsync<T>(this IHost host, string inbox, Func<T, bool> about, int expected = 1) =>
        [.. (await EnvelopesInInboxAsync(host, inbox, about, expected)).Select(relayed => relayed.Message)];

    /// <summary>The same, with the envelope each message travels in (its headers).</summary>
    public static async Task<IReadOnlyList<(T Message, Envelope Envelope)>> EnvelopesInInboxAsync<T>(
        this IHost host, string inbox, Func<T, bool> about, int expected = 1)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var found = await ReadAsync(host, inbox, about);
            if (found.Count >= expected || waited.Elapsed > Tracking.Patience)
            {
                return found;
            }

            await Task.Delay(100);
        }
    }

    /// <summary>
    /// Listens for the wake-ups PostgreSQL queue listeners receive (LISTEN on Wolverine's channel) while
    /// <paramref name="action"/> runs, until every queue table in <paramref name="expected"/> was named or patience runs out.
    /// </summary>
    public static async Task<IReadOnlySet<string>> QueueWakeupsDuringAsync(this IHost host, Func<Task> action, params string[] expected)
    {
        await using var connection = await OpenAsync(host);
        var woken = new System.Collections.Concurrent.ConcurrentDictionary<string, bool>();
        connection.Notification += (_, notification) => woken[notification.Payload] = true;
        await using (var listen = new NpgsqlCommand("LISTEN wolverine_queue_wakeup", connection))
        {
            await listen.ExecuteNonQueryAsync();
        }

        await action();
        var waited = Stopwatch.StartNew();
        while (!expected.All(woken.ContainsKey) && waited.Elapsed < Tracking.Patience)
        {
            await connection.WaitAsync(TimeSpan.FromMilliseconds(100));
        }

        return new HashSet<string>(woken.Keys);
    }

    /// <summary>Waits until the relay has read every event committed so far, so what it did not publish it never will for them.</summary>
    public static async Task RelayCaughtUpAsync(this IHost host)
    {
        var schema = host.Services.GetRequiredService<IDocumentStore>().Options.Events.DatabaseSchemaName;
        await using var connection = await OpenAsync(host);
        await using var last = new NpgsqlCommand($"select coalesce(max(seq_id), 0) from {schema}.mt_events", connection);
        var committed = (long)(await last.ExecuteScalarAsync())!;
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < Tracking.Patience)
        {
            await using var progress = new NpgsqlCommand(
                $"select coalesce(max(last_seq_id), 0) from {schema}.mt_event_progression where name like '{IntegrationRelay.Name}%'", connection);
            if ((long)(await progress.ExecuteScalarAsync())! >= committed)
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"The integration relay did not reach event {committed}.");
    }

    private static async Task<IReadOnlyList<(T Message, Envelope Envelope)>> ReadAsync<T>(IHost host, string inbox, Func<T, bool> about)
    {
        await using var connection = await OpenAsync(host);
        await using var command = new NpgsqlCommand(
            $"select body from {Queues.TransportSchema}.wolverine_queue_{inbox} where message_type = @type", connection);
        command.Parameters.AddWithValue("type", typeof(T).FullName!);
        var found = new List<(T, Envelope)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var envelope = EnvelopeSerializer.Deserialize(reader.GetFieldValue<byte[]>(0));
            if (JsonSerializer.Deserialize<T>(envelope.Data, Wolverine) is { } message && about(message))
            {
                found.Add((message, envelope));
            }
        }

        return found;
    }

    /// <summary>A connection of its own to the service's database.</summary>
    public static async Task<NpgsqlConnection> OpenAsync(this IHost host)
    {
        var connection = new NpgsqlConnection(
            host.Services.GetRequiredService<IConfiguration>().GetConnectionString(EventSourcingExtensions.ConnectionName));
        await connection.OpenAsync();
        return connection;
    }
}
