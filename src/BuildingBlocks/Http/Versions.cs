using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;
using Wolverine.Http;

namespace StudentBase.Http;

/// <summary>
/// Optimistic concurrency over HTTP: a read answers the aggregate's stream version as its <c>ETag</c>; a write
/// may send it back in <c>If-Match</c> and is refused with 412 when the aggregate has moved on since.
/// </summary>
public static class Versions
{
    public static string ETag(long version) => $"\"{version.ToString(CultureInfo.InvariantCulture)}\"";

    public static void SetETag(this HttpResponse response, long version) => response.Headers.ETag = ETag(version);

    /// <summary>No problems when there is no If-Match, when it is <c>*</c>, or when one of its tags is the current version.</summary>
    public static ProblemDetails CheckIfMatch(this HttpRequest request, long currentVersion)
    {
        var ifMatch = request.GetTypedHeaders().IfMatch;
        if (ifMatch.Count == 0 || ifMatch.Any(tag => tag == EntityTagHeaderValue.Any || tag.Tag == ETag(currentVersion)))
        {
            return WolverineContinue.NoProblems;
        }

        return Problems.Create(Problems.PreconditionFailed, $"The current ETag is {ETag(currentVersion)}.",
            $"资源当前的 ETag 为 {ETag(currentVersion)}。");
    }
}
