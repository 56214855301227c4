using System.Net;
using System.Net.Http.Json;
using StudentBase.Testing;

namespace PlatformBench;

/// <summary>
/// Partner commands through HTTP, the whole way: authenticated, validated, decided, appended with the inline projection
/// updated, answered (the integration relay sends the registration's messages to the other services after the answer).
/// </summary>
public static class Commands
{
    private const int StreamsPerClient = 20;

    /// <summary>
    /// A new stream each: a university registers a student; with <paramref name="safeToRetry"/>, under an Idempotency-Key as a
    /// partner that retries safely sends it (the kept answer commits with the student).
    /// </summary>
    public static async Task<Figures> StartStreamsAsync(ServiceProcess internships, int clients, TimeSpan duration, bool safeToRetry = false)
    {
        using var client = internships.CreateClient(clients);
        return await Load.RunAsync(clients, duration, async (_, _) =>
            await DevelopmentPartners.RegisterStudentAsync(client, idempotencyKey: safeToRetry ? Guid.NewGuid().ToString() : null) is not null);
    }

    /// <summary>An event appended to an existing stream each: a university corrects one of its students' records.</summary>
    public static async Task<Figures> AppendAsync(ServiceProcess internships, int clients, TimeSpan duration)
    {
        using var client = internships.CreateClient(clients);
        var streams = new Guid[clients][];
        for (var index = 0; index < clients; index++)
        {
            streams[index] = new Guid[StreamsPerClient];
            for (var stream = 0; stream < StreamsPerClient; stream++)
            {
                streams[index][stream] = await DevelopmentPartners.RegisterStudentAsync(client) ?? throw new InvalidOperationException("Could not register a student to append to.");
            }
        }

        // Each client appends to streams of its own, so no two writers race for one stream's version.
        return await Load.RunAsync(clients, duration, async (index, call) =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/students/{streams[index][call % StreamsPerClient]}/corrections")
            {
                Content = JsonContent.Create(new { programme = $"Programme {call}", reason = "Benchmark correction" }),
            };
            request.Headers.Add("X-Api-Key", DevelopmentPartners.XiamenUniversityKey);
            using var response = await client.SendAsync(request);
            return response.StatusCode == HttpStatusCode.NoContent;
        });
    }
}
