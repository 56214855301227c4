using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace EndToEnd.Tests;

/// <summary>What an operator sees when a consumer stops: its queue falls behind, the sender's health says so, and a restart catches up with nothing lost.</summary>
public class OperatingThePlatform
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private static readonly IReadOnlyDictionary<string, string> QuickHealth = new Dictionary<string, string>
    {
        ["Operations__Health__SampleInterval"] = "00:00:00.500",
        ["Operations__Health__QueueAgeDegraded"] = "00:00:02",
    };

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task a_stopped_consumer_makes_its_queue_degraded_and_a_restart_recovers_with_nothing_lost()
    {
        await using var receiver = await OtlpTraceReceiver.StartAsync();
        using var storage = new PlatformStorage();
        await using var platform = await PlatformApp.StartAsync(storage, receiver.Endpoint, Cancellation, QuickHealth);
        var internships = platform.CreateClient("internships");

        await platform.StopServiceAsync("subsidies", Cancellation);
        var studentId = await RegisterStudentAsync(internships);

        var degraded = await EventuallyAsync(() => MessagingHealthAsync(internships),
            health => health["status"]!.GetValue<string>() == "Degraded");
        degraded["description"]!.GetValue<string>().ShouldContain("subsidies_inbox");

        await platform.StartServiceAsync("subsidies", Cancellation);

        var recovered = await EventuallyAsync(() => MessagingHealthAsync(internships),
            health => health["status"]!.GetValue<string>() == "Healthy");
        recovered["status"]!.GetValue<string>().ShouldBe("Healthy");
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/students/{studentId}");
        request.Headers.Add("X-Api-Key", "dev-base-admin-key");
        (await platform.CreateClient("subsidies").SendAsync(request, Cancellation)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private static async Task<Guid> RegisterStudentAsync(HttpClient internships)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/students")
        {
            Content = JsonContent.Create(new
            {
                universityId = Guid.Parse("0196f0c4-0000-7000-8000-00000000a001"), fullName = "Li Na", nationality = "VN", passportNumber = "C1234567",
                programme = "Chinese Language", degreeLevel = "Bachelor", enrolledOn = "2024-09-01", expectedGraduation = "2028-06-30",
                residencePermitExpiry = "2028-08-31",
            }),
        };
        request.Headers.Add("X-Api-Key", "dev-xmu-key");
        var response = await internships.SendAsync(request, Cancellation);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Cancellation));
        return (await response.Content.ReadFromJsonAsync<JsonObject>(Cancellation))!["id"]!.GetValue<Guid>();
    }

    private static async Task<JsonObject> MessagingHealthAsync(HttpClient client)
    {
        var health = await client.GetFromJsonAsync<JsonObject>("/health", Cancellation);
        return health!["checks"]!["messaging"]!.AsObject();
    }

    private static async Task<JsonObject> EventuallyAsync(Func<Task<JsonObject>> probe, Func<JsonObject, bool> done)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var value = await probe();
            if (done(value) || waited.Elapsed > Patience)
            {
                return value;
            }

            await Task.Delay(250, Cancellation);
        }
    }
}
