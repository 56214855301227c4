using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Npgsql;
using StandardWebhooks;
using StudentBase.Testing;

namespace EndToEnd.Tests;

/// <summary>
/// Internships as a real process, notifying a partner's receiver of every registration while registrations keep coming, is
/// killed with SIGKILL and started again: every registration it stored (even those whose answer or delivery the crash cut
/// off) reaches the receiver, signed.
/// </summary>
public class DeliveringWebhooksThroughACrash
{
    private const int Writers = 4;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task a_sending_service_killed_between_commit_and_delivery_loses_no_notification()
    {
        await using var server = await PostgresServer.StartAsync(Cancellation);
        var connectionString = await server.CreateDatabaseAsync("webhook_crash", Cancellation);
        // An attempt cut off by the crash is leased for its timeout and 30 s more; a short timeout keeps the test short.
        await using var internships = await ServiceProcess.StartAsync(ServiceProcess.FindRepository(), "Internships.Api", connectionString,
            new Dictionary<string, string> { ["Webhooks__Timeout"] = "00:00:02", ["Webhooks__PollInterval"] = "00:00:00.100" });
        await using var database = NpgsqlDataSource.Create(connectionString);
        await using var hooks = await WebhookReceiver.StartAsync();
        // A receiver that takes a moment, so that deliveries are in flight when the service dies.
        hooks.Answer("xmu", async _ =>
        {
            await Task.Delay(20);
            return 204;
        });

        using var client = internships.CreateClient(Writers);
        var secret = await SubscribeAsync(client, hooks.UrlOf("xmu"));
        await using var load = RegistrationLoad.Start(client, Writers, Cancellation);
        var accepted = load.Accepted;

        await load.UntilAcceptedAsync(40, Patience, Cancellation);
        await internships.KillAsync();
        await Task.Delay(500, Cancellation);
        await internships.RestartAsync();
        await load.UntilAcceptedAsync(accepted.Count + 40, Patience, Cancellation);
        await load.StopAsync();

        var stored = new HashSet<Guid>();
        await using (var command = database.CreateCommand("select stream_id from internships.mt_events where type = 'student_nominated'"))
        await using (var reader = await command.ExecuteReaderAsync(Cancellation))
        {
            while (await reader.ReadAsync(Cancellation))
            {
                stored.Add(reader.GetGuid(0));
            }
        }

        accepted.Except(stored).ShouldBeEmpty();
        var waited = Stopwatch.StartNew();
        HashSet<Guid> told;
        while (!(told = Told(hooks)).IsSupersetOf(stored) && waited.Elapsed < Patience)
        {
            await Task.Delay(250, Cancellation);
        }

        stored.Except(told).ShouldBeEmpty("every stored registration is notified, the crash notwithstanding");
        foreach (var webhook in hooks.ReceivedBy("xmu"))
        {
            Should.NotThrow(() => new StandardWebhook(secret).Verify(webhook.Body, webhook.Headers));
        }
    }

    private static HashSet<Guid> Told(WebhookReceiver hooks) =>
        [.. hooks.ReceivedBy("xmu").Where(webhook => webhook.AnsweredWith == 204).Select(webhook => webhook.Payload["data"]!["studentId"]!.GetValue<Guid>())];

    private static async Task<string> SubscribeAsync(HttpClient internships, string endpoint)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/webhook-subscriptions")
        {
            Content = JsonContent.Create(new { endpoint, types = new[] { "student.registered" } }),
        };
        request.Headers.Add("X-Api-Key", DevelopmentPartners.XiamenUniversityKey);
        using var response = await internships.SendAsync(request, Cancellation);
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<JsonObject>(Cancellation))!["secret"]!.GetValue<string>();
    }
}
