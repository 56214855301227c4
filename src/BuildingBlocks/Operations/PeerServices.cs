using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using StudentBase.Partners;

namespace StudentBase.Operations;

/// <summary>
/// The other services of the platform, found by service discovery (services:{name}:... set by the app host), asked on
/// behalf of the caller with the caller's own credentials (keys are replicated to every service).
/// </summary>
public sealed class PeerServices(IHttpClientFactory clients, IConfiguration configuration, OperationsOptions options)
{
    public const string Client = "platform-peers";

    public IEnumerable<string> Names => configuration.GetSection("services").GetChildren()
        .Select(section => section.Key)
        .Where(name => !string.Equals(name, options.ServiceName, StringComparison.OrdinalIgnoreCase));

    /// <summary>Asks every other service the same GET; a service that fails or does not answer gives null.</summary>
    public Task<(string Peer, T? Answer)[]> AskAllAsync<T>(string pathAndQuery, HttpRequest caller, CancellationToken cancellation) where T : class =>
        Task.WhenAll(Names.Select(peer => AskAsync<T>(peer, pathAndQuery, caller, cancellation)));

    private async Task<(string Peer, T? Answer)> AskAsync<T>(string peer, string pathAndQuery, HttpRequest caller, CancellationToken cancellation)
        where T : class
    {
        using var message = new HttpRequestMessage(HttpMethod.Get, $"http://{peer}{pathAndQuery}");
        foreach (var header in new[] { ApiKeyAuthenticationHandler.HeaderName, "Authorization" })
        {
            if (caller.Headers.TryGetValue(header, out var value))
            {
                message.Headers.TryAddWithoutValidation(header, value.ToString());
            }
        }

        try
        {
            using var response = await clients.CreateClient(Client).SendAsync(message, cancellation);
            return response.IsSuccessStatusCode
                ? (peer, await response.Content.ReadFromJsonAsync<T>(JsonSerializerOptions.Web, cancellation))
                : (peer, null);
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or JsonException
                                              or Polly.Timeout.TimeoutRejectedException)
        {
            return (peer, null);
        }
    }
}
