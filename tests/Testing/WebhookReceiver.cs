using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace StudentBase.Testing;

/// <summary>One request a partner's receiver got: its headers and the exact body, to verify the signature over.</summary>
public sealed record ReceivedWebhook(string Hook, IHeaderDictionary Headers, string Body, int AnsweredWith)
{
    public JsonObject Payload => JsonNode.Parse(Body)!.AsObject();

    public string Type => Payload["type"]!.GetValue<string>();
}

/// <summary>
/// A partner's webhook receiver: a real Kestrel server on a loopback port. Each hook (<c>/hooks/{name}</c>) answers 204 unless
/// told otherwise (<see cref="Answer"/>), and every request it got, whatever it answered, is kept in order of arrival.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, Func<int, Task<int>>> _answers = new();
    private readonly ConcurrentDictionary<string, int> _calls = new();
    private readonly ConcurrentQueue<ReceivedWebhook> _received = new();

    private WebhookReceiver(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = "";

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/hooks/{name}", async (string name, HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            var body = await reader.ReadToEndAsync();
            var call = receiver._calls.AddOrUpdate(name, 1, (_, count) => count + 1);
            var status = receiver._answers.TryGetValue(name, out var answer) ? await answer(call) : StatusCodes.Status204NoContent;
            receiver._received.Enqueue(new ReceivedWebhook(name, new HeaderDictionary(request.Headers.ToDictionary()), body, status));
            return Results.StatusCode(status);
        });
        await app.StartAsync();
        receiver.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return receiver;
    }

    public string UrlOf(string hook) => $"{BaseUrl}/hooks/{hook}";

    /// <summary>How the hook answers its n-th request (from 1): a status code, after whatever the function awaits.</summary>
    public void Answer(string hook, Func<int, Task<int>> answer) => _answers[hook] = answer;

    public void Answer(string hook, Func<int, int> answer) => _answers[hook] = call => Task.FromResult(answer(call));

    /// <summary>How many requests reached the hook, answered or still being held.</summary>
    public int CallsTo(string hook) => _calls.GetValueOrDefault(hook);

    /// <summary>Every request the hook got, in order of arrival.</summary>
    public IReadOnlyList<ReceivedWebhook> ReceivedBy(string hook) => [.. _received.Where(received => received.Hook == hook)];

    /// <summary>The requests the hook accepted (answered 2xx), in order, once there are at least <paramref name="count"/>.</summary>
    public async Task<IReadOnlyList<ReceivedWebhook>> AcceptedByAsync(string hook, int count, CancellationToken cancellation, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var accepted = ReceivedBy(hook).Where(received => received.AnsweredWith is >= 200 and < 300).ToList();
            if (accepted.Count >= count || DateTime.UtcNow > deadline)
            {
                return accepted;
            }

            await Task.Delay(50, cancellation);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
