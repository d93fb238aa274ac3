using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;

namespace Escalation.Host.Api;

/// <summary>
/// A NUL in a request's path (<c>%00</c>, or the raw byte) makes Kestrel refuse the request while it reads the request
/// line, before any middleware runs: a 400 with an empty body, which no part of ASP.NET Core can reword. So each HTTP/1
/// connection's bytes pass through <see cref="Reader"/>, which looks at every request line before Kestrel does. A line
/// with a NUL in its path is handed on as <c>METHOD / VERSION</c>, and <see cref="Answer"/> answers that request with
/// problem details naming the path, then closes the connection. Nothing else of the request reaches any endpoint.
/// </summary>
public static class NulInPath
{
    /// <summary>Kestrel's connection middleware: wraps the connection's input.</summary>
    public static ConnectionDelegate Guard(ConnectionDelegate next, int maxRequestLine) => connection =>
    {
        var transport = connection.Transport;
        var reader = new Reader(transport.Input, maxRequestLine);
        connection.Items[typeof(Reader)] = reader;
        connection.Transport = new DuplexPipe(reader, transport.Output);
        return next(connection);
    };

    /// <summary>
    /// The first middleware: answers a request whose line was rewritten, and after every other HTTP/1 request tells the
    /// reader that the next request line is coming.
    /// </summary>
    public static async Task Answer(HttpContext http, RequestDelegate next)
    {
        var items = http.Features.Get<IConnectionItemsFeature>()?.Items;
        if (items is null || !items.TryGetValue(typeof(Reader), out var found) || found is not Reader reader)
        {
            await next(http);
            return;
        }
        if (reader.TakeRewrittenLine())
        {
            http.Response.Headers.Connection = "close";
            await Problems.Invalid("path", "The path contains a NUL character (%00); no address has one.").ExecuteAsync(http);
            return;
        }
        await next(http);
        if (!HttpProtocol.IsHttp11(http.Request.Protocol) && !HttpProtocol.IsHttp10(http.Request.Protocol))
            return;
        if (await DrainedAsync(http))
            reader.RequestEnded();
    }

    /// <summary>
    /// Reads what the endpoint left of the body (a 401 or a 404 reads none), as Kestrel would after the answer, so
    /// that the next read of the connection starts at the next request line. Whatever stops the reading (a body Kestrel
    /// refuses, a client gone, a body the endpoint closed) leaves the next line to Kestrel alone.
    /// </summary>
    private static async Task<bool> DrainedAsync(HttpContext http)
    {
        if (http.Request.ContentLength is null or 0 && http.Request.Headers.TransferEncoding.Count == 0)
            return true;
        try
        {
            await http.Request.Body.CopyToAsync(Stream.Null, http.RequestAborted);
            return true;
        }
        catch (Exception e) when (e is BadHttpRequestException or IOException or OperationCanceledException or InvalidOperationException)
        {
            return false;
        }
    }

    private sealed class DuplexPipe(PipeReader input, PipeWriter output) : IDuplexPipe
    {
        public PipeReader Input { get; } = input;
        public PipeWriter Output { get; } = output;
    }

    /// <summary>
    /// Passes the connection's input to Kestrel unchanged, except when a read starts a request line (the first of the
    /// connection, or the first after a request ended) whose path holds a NUL. From then on the rest of the input is
    /// copied through a pipe that starts with the rewritten line.
    /// </summary>
    internal sealed class Reader(PipeReader inner, int maxRequestLine) : PipeReader
    {
        private bool _atLineStart = true;
        private bool _firstLine = true;
        private bool _http1 = true;
        private bool _rewrittenUnanswered;
        private Pipe? _rewritten;

        private PipeReader Current => _rewritten?.Reader ?? inner;

        public void RequestEnded() => _atLineStart = true;

        /// <summary>Whether the request now being served is the one whose line was rewritten (true once).</summary>
        public bool TakeRewrittenLine()
        {
            var rewritten = _rewrittenUnanswered;
            _rewrittenUnanswered = false;
            return rewritten;
        }

        public override async ValueTask<ReadResult> ReadAsync(CancellationToken cancellationToken = default)
        {
            if (_rewritten is not null || !_atLineStart || !_http1)
                return await Current.ReadAsync(cancellationToken);

            var result = await inner.ReadAsync(cancellationToken);
            while (!result.IsCanceled)
            {
                var buffer = result.Buffer;
                var line = buffer.PositionOf((byte)'\n');
                var shape = Shape(line is { } end ? buffer.Slice(0, end) : buffer, complete: line is not null);
                if (shape == LineShape.NeedMore && !result.IsCompleted && buffer.Length < maxRequestLine)
                {
                    inner.AdvanceTo(buffer.Start, buffer.End);
                    result = await inner.ReadAsync(cancellationToken);
                    continue;
                }
                _atLineStart = false;
                // A connection that does not open with an HTTP/1 request line (TLS, HTTP/2) is left alone for good.
                _http1 = !(_firstLine && shape == LineShape.NotHttp1);
                _firstLine = false;
                if (shape != LineShape.NulInPath || line is not { } lineEnd)
                    return result;
                await RewriteAsync(buffer, lineEnd, cancellationToken);
                return await _rewritten!.Reader.ReadAsync(cancellationToken);
            }
            return result;
        }

        private async Task RewriteAsync(ReadOnlySequence<byte> buffer, SequencePosition lineEnd, CancellationToken cancellationToken)
        {
            var line = Encoding.Latin1.GetString(buffer.Slice(0, lineEnd));
            var parts = line.TrimEnd('\r').Split(' ');
            _rewritten = new Pipe();
            var writer = _rewritten.Writer;
            writer.Write(Encoding.Latin1.GetBytes($"{parts[0]} / {parts[^1]}\r"));
            foreach (var segment in buffer.Slice(lineEnd))
                writer.Write(segment.Span);
            inner.AdvanceTo(buffer.End);
            _rewrittenUnanswered = true;
            await writer.FlushAsync(cancellationToken);
            _ = CopyRestAsync(writer);
        }

        /// <summary>The rest of the connection's input, behind the rewritten line (the server closes the connection after its answer).</summary>
        private async Task CopyRestAsync(PipeWriter writer)
        {
            try
            {
                while (true)
                {
                    var result = await inner.ReadAsync();
                    foreach (var segment in result.Buffer)
                        writer.Write(segment.Span);
                    inner.AdvanceTo(result.Buffer.End);
                    var flushed = await writer.FlushAsync();
                    if (result.IsCompleted || result.IsCanceled || flushed.IsCompleted)
                        break;
                }
                await writer.CompleteAsync();
            }
            catch (Exception e)
            {
                await writer.CompleteAsync(e);
            }
            await inner.CompleteAsync();
        }

        private enum LineShape { NeedMore, NotHttp1, Fine, NulInPath }

        /// <summary>
        /// What the bytes so far say about the request line: a method, a space, a target, a space, a version. A method is
        /// upper-case letters; a TLS or other binary opening is not, and is not waited on for a line end it may never send.
        /// </summary>
        private static LineShape Shape(ReadOnlySequence<byte> bytes, bool complete)
        {
            if (bytes.Length == 0)
                return complete ? LineShape.NotHttp1 : LineShape.NeedMore;
            if (bytes.FirstSpan[0] is < (byte)'A' or > (byte)'Z')
                return LineShape.NotHttp1;
            if (!complete)
                return LineShape.NeedMore;
            // Every request passes here: a line without a NUL or a %00 anywhere is let through before any string is made.
            ReadOnlySpan<byte> raw = bytes.IsSingleSegment ? bytes.FirstSpan : bytes.ToArray();
            if (!raw.Contains((byte)0) && raw.IndexOf("%00"u8) < 0)
                return LineShape.Fine;
            var line = Encoding.Latin1.GetString(raw).TrimEnd('\r');
            var parts = line.Split(' ');
            if (parts.Length != 3 || !parts[2].StartsWith("HTTP/1.", StringComparison.Ordinal))
                return LineShape.Fine;
            var target = parts[1];
            var query = target.IndexOf('?', StringComparison.Ordinal);
            var path = query < 0 ? target : target[..query];
            return path.Contains('\0', StringComparison.Ordinal) || path.Contains("%00", StringComparison.Ordinal) ? LineShape.NulInPath : LineShape.Fine;
        }

        public override bool TryRead(out ReadResult result)
        {
            if (_rewritten is null && _atLineStart && _http1)
            {
                result = default;
                return false;
            }
            return Current.TryRead(out result);
        }

        public override void AdvanceTo(SequencePosition consumed) => Current.AdvanceTo(consumed);

        public override void AdvanceTo(SequencePosition consumed, SequencePosition examined) => Current.AdvanceTo(consumed, examined);

        public override void CancelPendingRead() => Current.CancelPendingRead();

        public override void Complete(Exception? exception = null)
        {
            if (_rewritten is null)
            {
                inner.Complete(exception);
                return;
            }
            _rewritten.Reader.Complete(exception);
            inner.CancelPendingRead();
        }
    }
}
