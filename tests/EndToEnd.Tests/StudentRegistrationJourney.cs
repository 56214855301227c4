using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace EndToEnd.Tests;

/// <summary>The first real flow through the app host: a student registered in Internships reaches Events and Subsidies.</summary>
public class StudentRegistrationJourney
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>Xiamen University, whose student system has the seeded development key "dev-xmu-key".</summary>
    private static readonly Guid XiamenUniversity = Guid.Parse("0196f0c4-0000-7000-8000-00000000a001");

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(PlatformApp.PostgreSqlQueues)]
    [InlineData(PlatformApp.RabbitMq)]
    public async Task a_registered_student_reaches_events_and_subsidies_in_one_trace(string transport)
    {
        await using var receiver = await OtlpTraceReceiver.StartAsync();
        using var storage = new PlatformStorage();
        await using var platform = await PlatformApp.StartAsync(storage, receiver.Endpoint, Cancellation, transport: transport);

        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        var studentId = await RegisterDanielAsync(platform, traceId);

        await WaitUntilFoundAsync(platform.CreateClient("events"), studentId);
        await WaitUntilFoundAsync(platform.CreateClient("subsidies"), studentId);

        var servicesInTrace = await Eventually(
            () => receiver.Spans.Where(span => span.TraceId == traceId).Select(span => span.ServiceName).ToHashSet(),
            services => services.IsSupersetOf(PlatformApp.Services));
        servicesInTrace.ShouldBe(PlatformApp.Services, ignoreOrder: true);
        foreach (var service in PlatformApp.Services)
        {
            var health = await platform.CreateClient(service).GetFromJsonAsync<JsonObject>("/health", Cancellation);
            health!["checks"]!["messaging"]!["data"]!["transport"]!.GetValue<string>().ShouldBe(transport, service);
        }
    }

    [Fact]
    public async Task a_registered_student_survives_a_restart_of_the_app_host()
    {
        await using var receiver = await OtlpTraceReceiver.StartAsync();
        using var storage = new PlatformStorage();

        Guid studentId;
        await using (var platform = await PlatformApp.StartAsync(storage, receiver.Endpoint, Cancellation))
        {
            studentId = await RegisterDanielAsync(platform, ActivityTraceId.CreateRandom().ToHexString());
            await WaitUntilFoundAsync(platform.CreateClient("events"), studentId);
            await WaitUntilFoundAsync(platform.CreateClient("subsidies"), studentId);
        }

        await using (var restarted = await PlatformApp.StartAsync(storage, receiver.Endpoint, Cancellation))
        {
            foreach (var service in PlatformApp.Services)
            {
                var response = await GetStudentAsync(restarted.CreateClient(service), studentId);
                response.StatusCode.ShouldBe(HttpStatusCode.OK, service);
            }
        }
    }

    private static async Task<Guid> RegisterDanielAsync(PlatformApp platform, string traceId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/students")
        {
            Content = JsonContent.Create(new
            {
                universityId = XiamenUniversity,
                fullName = "Daniel Smith",
                nationality = "GB",
                passportNumber = "GB9876543",
                programme = "Business Chinese",
                degreeLevel = "Bachelor",
                enrolledOn = "2021-09-01",
                expectedGraduation = "2025-06-30",
                residencePermitExpiry = "2025-08-31",
            }),
        };
        request.Headers.Add("X-Api-Key", "dev-xmu-key");
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom().ToHexString()}-01");

        var response = await platform.CreateClient("internships").SendAsync(request, Cancellation);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Cancellation));
        var created = await response.Content.ReadFromJsonAsync<JsonObject>(Cancellation);
        return created!["id"]!.GetValue<Guid>();
    }

    private static async Task WaitUntilFoundAsync(HttpClient client, Guid studentId)
    {
        var status = await Eventually(
            async () => (await GetStudentAsync(client, studentId)).StatusCode,
            found => found == HttpStatusCode.OK);
        status.ShouldBe(HttpStatusCode.OK, $"{client.BaseAddress} never showed student {studentId}");
    }

    private static Task<HttpResponseMessage> GetStudentAsync(HttpClient client, Guid studentId)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/students/{studentId}");
        request.Headers.Add("X-Api-Key", "dev-base-admin-key");
        return client.SendAsync(request, Cancellation);
    }

    private static Task<T> Eventually<T>(Func<T> probe, Func<T, bool> done) => Eventually(() => Task.FromResult(probe()), done);

    private static async Task<T> Eventually<T>(Func<Task<T>> probe, Func<T, bool> done)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var value = await probe();
            if (done(value) || deadline.Elapsed > Patience)
            {
                return value;
            }

            await Task.Delay(100, Cancellation);
        }
    }
}
