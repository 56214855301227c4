using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using Microsoft.Extensions.Hosting;
using StudentBase.Webhooks.Subscriptions;

namespace StudentBase.Webhooks.Delivery;

/// <summary>How a receiver's host name becomes addresses (the system's DNS resolver; tests put their own).</summary>
public class WebhookHostResolver
{
    public virtual Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellation) => Dns.GetHostAddressesAsync(host, cancellation);
}

/// <summary>The receiver's host resolves only to addresses a delivery may not reach (private, loopback, link-local).</summary>
public sealed class InsideAddressRefusedException(string host)
    : Exception($"The endpoint's host {host} resolves to a private or loopback address; nothing was sent.");

/// <summary>
/// Opens a delivery's connection: resolves the endpoint's host, keeps the addresses a delivery may reach and connects to
/// one of them, so that the address checked is the address connected to.
/// </summary>
internal sealed class WebhookConnections(WebhookHostResolver resolver, IHostEnvironment environment)
{
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellation)
    {
        var host = context.DnsEndPoint.Host;
        var resolved = IPAddress.TryParse(host.Trim('[', ']'), out var literal) ? [literal] : await resolver.ResolveAsync(host, cancellation);
        var reachable = resolved.Where(address => WebhookEndpoints.MayReceive(address, environment.IsDevelopment())).ToArray();
        if (reachable.Length == 0)
        {
            throw new InsideAddressRefusedException(host);
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(reachable, context.DnsEndPoint.Port, cancellation);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
