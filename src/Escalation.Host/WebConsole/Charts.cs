using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Html;

namespace Escalation.Host.WebConsole;

/// <summary>A line of a chart: a name and one value per period, null where nothing was there to count.</summary>
public sealed record ChartSeries(string Name, IReadOnlyList<decimal?> Values);

/// <summary>Line charts of percentages drawn on the server as SVG: no script and no charting library to serve.</summary>
public static class Charts
{
    private const int Width = 720, Height = 260, Left = 40, Right = 10, Top = 10, Bottom = 30;

    public static IHtmlContent Percentages(IReadOnlyList<string> labels, IReadOnlyList<ChartSeries> series, string title)
    {
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture,
            $"<svg class=\"chart\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-label=\"{WebUtility.HtmlEncode(title)}\">");
        foreach (var percent in new[] { 0, 25, 50, 75, 100 })
        {
            var y = Y(percent);
            svg.Append(CultureInfo.InvariantCulture,
                $"<line class=\"grid\" x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{y:0.#}\" y2=\"{y:0.#}\"/><text class=\"axis\" x=\"{Left - 4}\" y=\"{y + 4:0.#}\" text-anchor=\"end\">{percent}%</text>");
        }
        var step = Math.Max(1, (int)Math.Ceiling(labels.Count / 8.0));
        for (var i = 0; i < labels.Count; i += step)
        {
            svg.Append(CultureInfo.InvariantCulture,
                $"<text class=\"axis\" x=\"{X(i, labels.Count):0.#}\" y=\"{Height - 8}\" text-anchor=\"middle\">{WebUtility.HtmlEncode(labels[i])}</text>");
        }
        for (var s = 0; s < series.Count; s++)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<g class=\"series s{s}\"><title>{WebUtility.HtmlEncode(series[s].Name)}</title>");
            foreach (var run in Runs(series[s].Values))
            {
                var points = string.Join(' ', run.Select(p => string.Create(CultureInfo.InvariantCulture, $"{X(p.Index, labels.Count):0.#},{Y(p.Value):0.#}")));
                svg.Append(run.Count == 1
                    ? string.Create(CultureInfo.InvariantCulture, $"<circle r=\"3\" cx=\"{X(run[0].Index, labels.Count):0.#}\" cy=\"{Y(run[0].Value):0.#}\"/>")
                    : $"<polyline points=\"{points}\"/>");
            }
            svg.Append("</g>");
        }
        svg.Append("</svg><ul class=\"legend\">");
        for (var s = 0; s < series.Count; s++)
            svg.Append(CultureInfo.InvariantCulture, $"<li class=\"s{s}\">{WebUtility.HtmlEncode(series[s].Name)}</li>");
        svg.Append("</ul>");
        return new HtmlString(svg.ToString());
    }

    /// <summary>The stretches of consecutive periods that have a value: a line does not bridge a period with nothing to count.</summary>
    private static List<List<(int Index, decimal Value)>> Runs(IReadOnlyList<decimal?> values)
    {
        var runs = new List<List<(int, decimal)>>();
        List<(int, decimal)>? run = null;
        for (var i = 0; i < values.Count; i++)
        {
            if (values[i] is not { } value)
            {
                run = null;
                continue;
            }
            if (run is null)
                runs.Add(run = []);
            run.Add((i, value));
        }
        return runs;
    }

    private static double X(int index, int count) =>
        count <= 1 ? Left + (Width - Left - Right) / 2.0 : Left + index * (Width - Left - Right) / (double)(count - 1);

    private static double Y(decimal percent) => Top + (double)(100 - Math.Clamp(percent, 0, 100)) * (Height - Top - Bottom) / 100.0;
}
