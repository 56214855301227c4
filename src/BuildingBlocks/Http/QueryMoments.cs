using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace StudentBase.Http;

public static class QueryMoments
{
    /// <summary>
    /// The moment a query parameter names, a value without an offset being UTC. Wolverine has already refused an unreadable
    /// value; it reads one without an offset as the server's local time, which would make an answer depend on the host.
    /// </summary>
    public static DateTimeOffset? Moment(this HttpRequest request, string name) =>
        DateTimeOffset.TryParse(request.Query[name].ToString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var moment)
            ? moment
            : null;
}
