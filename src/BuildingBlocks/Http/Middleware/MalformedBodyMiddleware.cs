using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Wolverine.Http;

namespace StudentBase.Http;

/// <summary>
/// Reads a command's JSON body once before its endpoint does: a body that does not fit the command is the partner's
/// mistake, answered 400 and logged at Information, where Wolverine would log it as an error of the service.
/// </summary>
public sealed partial class MalformedBodyMiddleware(
    RequestDelegate next, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, ILogger<MalformedBodyMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var requestType = context.GetEndpoint()?.Metadata.GetMetadata<HttpChain>()?.RequestType;
        if (requestType is null || requestType == typeof(void) || !context.Request.HasJsonContentType())
        {
            await next(context);
            return;
        }

        context.Request.EnableBuffering();
        try
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body, context.RequestAborted);
            var bytes = new ReadOnlyMemory<byte>(body.GetBuffer(), 0, (int)body.Length);
            JsonSerializer.Deserialize(bytes.Span, requestType, json.Value.SerializerOptions);
            RefuseUnstorableText(bytes.Span);
        }
        catch (JsonException exception)
        {
            var command = context.GetEndpoint()?.Metadata.GetMetadata<HttpChain>()?.DisplayName ?? requestType.Name;
            Malformed(logger, command, context.Request.Method, context.Request.Path.Value ?? "", exception.Path ?? "$");
            await Problems.WriteAsync(context, Problems.MalformedRequest, exception.Message, exception is UnstorableTextException unstorable
                ? unstorable.ChineseMessage
                : $"请求体无法读取（位置 {exception.Path ?? "$"}）：{exception.Message}");
            return;
        }

        context.Request.Body.Position = 0;
        await next(context);
    }

    /// <summary>
    /// Text must be something the event store can keep and every reader can decode: PostgreSQL refuses NUL in text and
    /// JSON, and a lone surrogate is not Unicode. Either is the partner's mistake, refused before the command is read.
    /// </summary>
    private static void RefuseUnstorableText(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        var property = "$";
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName)
            {
                property = reader.GetString()!;
            }

            if (reader.TokenType is not (JsonTokenType.String or JsonTokenType.PropertyName))
            {
                continue;
            }

            string text;
            try
            {
                text = reader.GetString()!;
            }
            catch (InvalidOperationException)
            {
                throw new UnstorableTextException($"'{property}' is not valid Unicode text.", $"'{property}' 不是有效的 Unicode 文本。");
            }

            if (text.Contains('\0'))
            {
                throw new UnstorableTextException($"'{property}' contains a NUL character, which cannot be stored.",
                    $"'{property}' 含有无法保存的 NUL 字符。");
            }

            if (HasLoneSurrogate(text))
            {
                throw new UnstorableTextException($"'{property}' is not valid Unicode text (a lone surrogate).",
                    $"'{property}' 不是有效的 Unicode 文本（含有孤立的代理项）。");
            }
        }
    }

    private static bool HasLoneSurrogate(string text)
    {
        for (var index = 0; index < text.Length; index++)
        {
            if (char.IsHighSurrogate(text[index]) && index + 1 < text.Length && char.IsLowSurrogate(text[index + 1]))
            {
                index++;
            }
            else if (char.IsSurrogate(text[index]))
            {
                return true;
            }
        }

        return false;
    }

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "{Command}: malformed body at {JsonPath} ({Method} {Path})")]
    private static partial void Malformed(ILogger logger, string command, string method, string path, string jsonPath);

    private sealed class UnstorableTextException(string message, string chineseMessage) : JsonException(message)
    {
        public string ChineseMessage { get; } = chineseMessage;
    }
}
