using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using StudentBase.Contracts;
using StudentBase.PersonalData;
using Wolverine.Http;

namespace StudentBase.Partners;

/// <summary>
/// A role that may not see personal data (an analyst, a reviewer, finance, an operator) gets every answer with the members its
/// type classifies as <see cref="DataClasses.PersonalData"/> answered as null: the same classification the history and the
/// operators' views honour, applied once for every endpoint.
/// </summary>
public sealed class PersonalDataInAnswers(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (Partner.From(context.User) is not { } partner || partner.MaySeePersonalData()
            || context.GetEndpoint()?.Metadata.GetMetadata<HttpChain>()?.ResourceType is not { } answer)
        {
            await next(context);
            return;
        }

        var original = context.Response.Body;
        await using var held = new JsonHeldBack(context.Response, original);
        context.Response.Body = held;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
        }

        if (held.Held.Length == 0)
        {
            return;
        }

        if (IsJson(context.Response))
        {
            var json = JsonNode.Parse(held.Held.ToArray());
            ClassifiedData.Redact(json, answer, DataClasses.PersonalData);
            var redacted = System.Text.Encoding.UTF8.GetBytes(json?.ToJsonString() ?? "null");
            context.Response.ContentLength = redacted.Length;
            await original.WriteAsync(redacted, context.RequestAborted);
            return;
        }

        held.Held.Position = 0;
        await held.Held.CopyToAsync(original, context.RequestAborted);
    }

    private static bool IsJson(HttpResponse response) =>
        response.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) == true;

    /// <summary>
    /// Holds a JSON answer back until it is complete, to be redacted; any other answer (the history's NDJSON lines and
    /// Parquet files, which mask personal data where they are written) goes straight through as it is written. Which one
    /// is decided at the first byte by the content type; an answer that has none yet is held, and judged at its end.
    /// </summary>
    private sealed class JsonHeldBack(HttpResponse response, Stream original) : Stream
    {
        private bool _passesThrough;

        public MemoryStream Held { get; } = new();

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => Target().Write(buffer, offset, count);

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Target().WriteAsync(buffer, offset, count, cancellationToken);

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
            Target().WriteAsync(buffer, cancellationToken);

        // A flush before anything passes through sends nothing, so it decides nothing.
        public override void Flush()
        {
            if (_passesThrough)
            {
                original.Flush();
            }
        }

        public override Task FlushAsync(CancellationToken cancellationToken) =>
            _passesThrough ? original.FlushAsync(cancellationToken) : Task.CompletedTask;

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                Held.Dispose();
            }

            base.Dispose(disposing);
        }

        private Stream Target()
        {
            _passesThrough = _passesThrough || Held.Length == 0 && response.ContentType is not null && !IsJson(response);
            return _passesThrough ? original : Held;
        }
    }
}
