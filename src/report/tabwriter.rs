//! Go's `text/tabwriter` as pprof's `tags` report configures it: minimum width 0, padding 1,
//! spaces, cells aligned right (`tabwriter.NewWriter(w, 0, 0, 1, ' ', AlignRight)`).
//!
//! Consumes text whose cells end with a tab; produces it aligned. A column's width is its
//! widest cell (in characters) plus one, over a block of consecutive lines that all have that
//! column; a line's last cell (the text after its last tab) belongs to no column and is
//! written as it is. This is the same recursive block formatting as Go's `Writer.format`.

/// Aligns `text` as Go's tabwriter with `AlignRight` and padding 1 does.
pub fn align_right(text: &str) -> String {
    let lines: Vec<Vec<&str>> = text
        .split_inclusive('\n')
        .map(|l| l.strip_suffix('\n').unwrap_or(l).split('\t').collect())
        .collect();
    let ends_with_newline = text.ends_with('\n');
    let mut out = String::with_capacity(text.len() * 2);
    let mut widths = Vec::new();
    format(&lines, &mut widths, &mut out, 0, lines.len());
    if !ends_with_newline && out.ends_with('\n') {
        out.pop();
    }
    out
}

fn width(cell: &str) -> usize {
    cell.chars().count()
}

fn format(
    lines: &[Vec<&str>],
    widths: &mut Vec<usize>,
    out: &mut String,
    start: usize,
    end: usize,
) {
    let column = widths.len();
    let mut line0 = start;
    let mut this = start;
    while this < end {
        if column >= lines[this].len() - 1 {
            this += 1;
            continue;
        }
        // A block of lines that all have a cell in this column begins here.
        write_lines(lines, widths, out, line0, this);
        line0 = this;
        let mut w = 0;
        while this < end && column < lines[this].len() - 1 {
            w = w.max(width(lines[this][column]) + 1);
            this += 1;
        }
        widths.push(w);
        format(lines, widths, out, line0, this);
        widths.pop();
        line0 = this;
    }
    write_lines(lines, widths, out, line0, end);
}

fn write_lines(lines: &[Vec<&str>], widths: &[usize], out: &mut String, from: usize, to: usize) {
    for line in &lines[from..to] {
        for (j, cell) in line.iter().enumerate() {
            if j < widths.len() {
                let pad = widths[j].saturating_sub(width(cell));
                out.extend(std::iter::repeat_n(' ', pad));
            }
            out.push_str(cell);
        }
        out.push('\n');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_align_independently() {
        let text =
            "worker:\t Total 1.5s\n \t1.2s (79.08%):\t flat\n \t320.0ms (20.92%):\t recursive\n\n";
        assert_eq!(
            align_right(text),
            " worker: Total 1.5s\n            1.2s (79.08%): flat\n         320.0ms (20.92%): recursive\n\n"
        );
        assert_eq!(align_right("a\tb\nccc\td\n"), "   ab\n cccd\n");
        assert_eq!(align_right("μ\tx\nab\ty\n"), "  μx\n aby\n");
    }
}
