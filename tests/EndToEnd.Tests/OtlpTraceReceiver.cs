using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EndToEnd.Tests;

public sealed record ReceivedSpan(string ServiceName, string TraceId, string Name);

/// <summary>
/// A minimal OTLP/HTTP (protobuf) trace receiver on a free loopback port: the services under test export
/// their spans here, and the test reads them back. Only the fields the tests need are decoded.
/// </summary>
public sealed class OtlpTraceReceiver : IAsyncDisposable
{
    private readonly ConcurrentQueue<ReceivedSpan> _spans = new();
    private readonly WebApplication _app;

    private OtlpTraceReceiver(WebApplication app) => _app = app;

    public string Endpoint { get; private set; } = "";

    public IReadOnlyCollection<ReceivedSpan> Spans => _spans;

    public static async Task<OtlpTraceReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new OtlpTraceReceiver(app);

        app.MapPost("/v1/traces", async (HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            foreach (var span in ExportTraceServiceRequest.Read(body.ToArray()))
            {
                receiver._spans.Enqueue(span);
            }

            return Results.Bytes([], "application/x-protobuf");
        });
        app.MapPost("/v1/{signal}", () => Results.Bytes([], "application/x-protobuf"));

        await app.StartAsync();
        receiver.Endpoint = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return receiver;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    /// <summary>Decodes resource_spans → resource.attributes[service.name] and scope_spans → spans (trace id, name).</summary>
    private static class ExportTraceServiceRequest
    {
        public static IEnumerable<ReceivedSpan> Read(ReadOnlyMemory<byte> message)
        {
            foreach (var (field, resourceSpans) in Fields(message))
            {
                if (field != 1)
                {
                    continue;
                }

                var serviceName = "";
                var spans = new List<(string TraceId, string Name)>();
                foreach (var (resourceField, value) in Fields(resourceSpans))
                {
                    if (resourceField == 1)
                    {
                        serviceName = ServiceName(value) ?? serviceName;
                    }
                    else if (resourceField == 2)
                    {
                        spans.AddRange(ScopeSpans(value));
                    }
                }

                foreach (var (traceId, name) in spans)
                {
                    yield return new ReceivedSpan(serviceName, traceId, name);
                }
            }
        }

        private static string? ServiceName(ReadOnlyMemory<byte> resource)
        {
            foreach (var (field, keyValue) in Fields(resource))
            {
                if (field != 1)
                {
                    continue;
                }

                string? key = null, text = null;
                foreach (var (kvField, value) in Fields(keyValue))
                {
                    if (kvField == 1)
                    {
                        key = Encoding.UTF8.GetString(value.Span);
                    }
                    else if (kvField == 2)
                    {
                        text = Fields(value).Where(any => any.Field == 1).Select(any => Encoding.UTF8.GetString(any.Value.Span)).FirstOrDefault();
                    }
                }

                if (key == "service.name")
                {
                    return text;
                }
            }

            return null;
        }

        private static IEnumerable<(string TraceId, string Name)> ScopeSpans(ReadOnlyMemory<byte> scopeSpans)
        {
            foreach (var (field, span) in Fields(scopeSpans))
            {
                if (field != 2)
                {
                    continue;
                }

                string traceId = "", name = "";
                foreach (var (spanField, value) in Fields(span))
                {
                    if (spanField == 1)
                    {
                        traceId = Convert.ToHexStringLower(value.Span);
                    }
                    else if (spanField == 5)
                    {
                        name = Encoding.UTF8.GetString(value.Span);
                    }
                }

                yield return (traceId, name);
            }
        }

        /// <summary>The length-delimited fields of a protobuf message; other wire types are skipped.</summary>
        private static IEnumerable<(int Field, ReadOnlyMemory<byte> Value)> Fields(ReadOnlyMemory<byte> message)
        {
            var position = 0;
            while (position < message.Length)
            {
                var tag = ReadVarint(message.Span, ref position);
                var field = (int)(tag >> 3);
                switch (tag & 7)
                {
                    case 0:
                        ReadVarint(message.Span, ref position);
                        break;
                    case 1:
                        position += 8;
                        break;
                    case 2:
                        var length = (int)ReadVarint(message.Span, ref position);
                        yield return (field, message.Slice(position, length));
                        position += length;
                        break;
                    case 5:
                        position += 4;
                        break;
                    default:
                        throw new InvalidDataException($"Unsupported protobuf wire type {tag & 7}.");
                }
            }
        }

        private static ulong ReadVarint(ReadOnlySpan<byte> buffer, ref int position)
        {
            ulong result = 0;
            for (var shift = 0; ; shift += 7)
            {
                var current = buffer[position++];
                result |= (ulong)(current & 0x7F) << shift;
                if ((current & 0x80) == 0)
                {
                    return result;
                }
            }
        }
    }
}
