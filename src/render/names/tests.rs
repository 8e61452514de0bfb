//! pprof's own cases for the name functions (tables produced by pprof HEAD's regexes run
//! with Go's `regexp`), and the no-panic sweep.

use super::*;

/// `name ⇒ package_name ⇒ display_names(name, false)` (its first entry is the
/// shortened name), entries split by ` | `, `\n` for a newline. Produced by pprof
/// HEAD's own regexes and helpers run with Go's `regexp`; they include every case of
/// pprof's TestShortenFunctionName, TestShortNames and TestPackageName.
const FUNCTIONS: &str = r"root ⇒  ⇒ root
syscall.Syscall ⇒ syscall ⇒ syscall.Syscall | Syscall
net/http.(*conn).serve ⇒ net/http ⇒ http.(*conn).serve | (*conn).serve | serve
github.com/blahBlah/foo.Foo ⇒ github.com/blahBlah/foo ⇒ foo.Foo | Foo
github.com/BlahBlah/foo.Foo[...] ⇒ github.com/BlahBlah/foo ⇒ foo.Foo[...] | Foo[...] | ..] | .] | ]
github.com/blah-blah/foo_bar.(*FooBar).Foo ⇒ github.com/blah-blah/foo_bar ⇒ foo_bar.(*FooBar).Foo | (*FooBar).Foo | Foo
encoding/json.(*structEncoder).(encoding/json.encode)-fm ⇒ encoding/json.(*structEncoder).(encoding/json ⇒ json.(*structEncoder).(encoding/json.encode)-fm | (*structEncoder).(encoding/json.encode)-fm | (encoding/json.encode)-fm | encode)-fm
github.com/foo/bar/v4.(*Foo).Bar ⇒ github.com/foo/bar/v4 ⇒ bar.(*Foo).Bar | (*Foo).Bar | Bar
github.com/foo/bar/v4/baz.Foo.Bar ⇒ github.com/foo/bar/v4/baz ⇒ baz.Foo.Bar | Foo.Bar | Bar
github.com/foo/bar/v123.(*Foo).Bar ⇒ github.com/foo/bar/v123 ⇒ bar.(*Foo).Bar | (*Foo).Bar | Bar
github.com/foobar/v0.(*Foo).Bar ⇒ github.com/foobar/v0 ⇒ v0.(*Foo).Bar | (*Foo).Bar | Bar
github.com/foobar/v1.(*Foo).Bar ⇒ github.com/foobar/v1 ⇒ v1.(*Foo).Bar | (*Foo).Bar | Bar
example.org/v2xyz.Foo ⇒ example.org/v2xyz ⇒ v2xyz.Foo | Foo
github.com/foo/bar/v4/v4.(*Foo).Bar ⇒ github.com/foo/bar/v4/v4 ⇒ v4.(*Foo).Bar | (*Foo).Bar | Bar
github.com/foo/bar/v4/foo/bar/v4.(*Foo).Bar ⇒ github.com/foo/bar/v4/foo/bar/v4 ⇒ v4.(*Foo).Bar | (*Foo).Bar | Bar
java.util.concurrent.ThreadPoolExecutor$Worker.run ⇒ java ⇒ ThreadPoolExecutor$Worker.run | run
java.bar.foo.FooBar.run(java.lang.Runnable) ⇒ java ⇒ FooBar.run | run
java.bar.foo.FooBar.run$0 ⇒ java ⇒ FooBar.run$0 | run$0
com.google.perftools.gwp.benchmark.FloatBench.lambda$run$0 ⇒ com ⇒ FloatBench.lambda$run$0 | lambda$run$0
(anonymous namespace)::Bar::Foo ⇒  ⇒ Bar::Foo | Foo
(anonymous namespace)::foo ⇒  ⇒ foo
cpp::namespace::Class::method()::$_100::operator() ⇒ cpp ⇒ Class::method | method
foo_bar::Foo::bar ⇒ foo_bar ⇒ Foo::bar | bar
cpp::namespace::Class::method<float, long, int>() ⇒ cpp ⇒ Class::method<float, long, int> | method<float, long, int>
foo ⇒  ⇒ foo
foo/xyz ⇒  ⇒ foo/xyz
 ⇒  ⇒ 
foo.bar. ⇒ foo ⇒ foo.bar. | bar.
a::b::c ⇒ a ⇒ a::b::c | b::c | c
a.b.c ⇒ a ⇒ a.b.c | b.c | c
a::b.c::d ⇒ a ⇒ a::b.c::d | b.c::d | c::d | d
foo::operator() ⇒ foo ⇒ foo::operator() | operator()
name ⇒  ⇒ name
[libjvm.so] ⇒  ⇒ [libjvm.so] | so]
prefix/name/suffix ⇒  ⇒ prefix/name/suffix
prefix(a.b.c,x.y.z) ⇒  ⇒ prefix(a.b.c,x.y.z) | b.c,x.y.z) | c,x.y.z) | y.z) | z)
<undefined>.a.b ⇒  ⇒ <undefined>.a.b | a.b | b
(a.b) ⇒  ⇒ (a.b) | b)
Math.number ⇒ Math ⇒ Math.number | number
std::vector ⇒ std ⇒ std::vector | vector
std::internal::vector ⇒ std ⇒ std::internal::vector | internal::vector | vector
pkg.Class.name(a.b.c, x.y.z) ⇒ pkg ⇒ Class.name | name
pkg.pkg.Class.<init> ⇒ pkg ⇒ Class.<init> | <init>
pkg.pkg.Class.<init>(a.b.c, x.y.z) ⇒ pkg ⇒ Class.<init> | <init>
pkg.(*type).name ⇒ pkg ⇒ pkg.(*type).name | (*type).name | name
path/path/pkg.(*type).name ⇒ path/path/pkg ⇒ pkg.(*type).name | (*type).name | name
some.url.com/path/pkg.fnID ⇒ some.url.com/path/pkg ⇒ pkg.fnID | fnID
parent-dir/dir/google.golang.org/grpc/transport.NewFramer ⇒ parent-dir/dir/google.golang.org/grpc/transport ⇒ transport.NewFramer | NewFramer
parent-dir/dir/google.golang.org/grpc.(*Server).handleRawConn ⇒ parent-dir/dir/google.golang.org/grpc ⇒ grpc.(*Server).handleRawConn | (*Server).handleRawConn | handleRawConn
crypto/sha256.(*digest).Write ⇒ crypto/sha256 ⇒ sha256.(*digest).Write | (*digest).Write | Write
main.foo.func1 ⇒ main ⇒ main.foo.func1 | foo.func1 | func1
main.main ⇒ main ⇒ main.main | main
runtime.mallocgc ⇒ runtime ⇒ runtime.mallocgc | mallocgc
github.com/x/y.F ⇒ github.com/x/y ⇒ y.F | F
gopkg.in/yaml.v3.(*parser).parse ⇒ gopkg.in/yaml ⇒ yaml.v3.(*parser).parse | v3.(*parser).parse | (*parser).parse | parse
path/pkg.(*T).m ⇒ path/pkg ⇒ pkg.(*T).m | (*T).m | m
pkg.Class.m(a.b) ⇒ pkg ⇒ Class.m | m
[libc.so] ⇒  ⇒ [libc.so] | so]
<unknown> ⇒  ⇒ <unknown>
std::vector<std::string>::push_back ⇒ std ⇒ std::vector<std::string>::push_back | vector<std::string>::push_back | string>::push_back | push_back
ns::Foo::~Foo() ⇒ ns ⇒ Foo::~Foo | ~Foo
ns::Foo::~ ⇒ ns ⇒ ns::Foo::~ | Foo::~ | ~
__ns::__Foo::bar ⇒ __ns ⇒ __Foo::bar | bar
ns::_foo::Bar::baz<int>::qux ⇒ ns ⇒ Bar::baz<int> | baz<int>
A::B::C::d ⇒ A ⇒ C::d | d
a::B::c<x>y>z ⇒ a ⇒ B::c<x>y> | c<x>y>
a::B::c<x ⇒ a ⇒ B::c | c
Foo.<init>x ⇒ Foo ⇒ Foo.<init>x | <init>x
/usr/lib/go/src/runtime/proc.go:250 ⇒ /usr/lib/go/src/runtime/proc ⇒ /usr/lib/go/src/runtime/proc.go:250 | go:250
../../x/y ⇒  ⇒ ../../x/y | ./../x/y | /../x/y | ./x/y | /x/y
..... ⇒  ⇒ ..... | .... | ... | .. | .
:::::: ⇒  ⇒ :::::: | :::: | ::
::: ⇒  ⇒ ::: | :
/ ⇒  ⇒ /
日本::Foo::bar ⇒  ⇒ 日本::Foo::bar | Foo::bar | bar
github.com/日本/pkg.F ⇒ github.com/日本/pkg ⇒ 日本/pkg.F | F
main.(*T).Método ⇒ main ⇒ main.(*T).Método | (*T).Método | Método
é.é ⇒  ⇒ é.é | é
a\nb.c ⇒  ⇒ a\nb.c | c
a/b.c\nd ⇒ a/b ⇒ b.c | c
x/y\n/pkg.F ⇒  ⇒ y\n/pkg.F | F
github.com/foo/v2/bar.F\n ⇒ github.com/foo/v2/bar ⇒ bar.F | F
ns::A::b<c>\nd> ⇒ ns ⇒ A::b<c> | b<c>
java.Foo.bar\n ⇒ java ⇒ java.Foo.bar\n | Foo.bar\n | bar\n";

/// `path ⇒ file_dir ⇒ display_names(path, true)`, checked as [`FUNCTIONS`] (the
/// first three lines are pprof's TestFileNameSuffixes).
const FILES: &str = r" ⇒ . ⇒ 
a/b/c ⇒ a/b ⇒ a/b/c | b/c | c
/a/b ⇒ /a ⇒ /a/b | a/b | b
a/b/ ⇒ a/b ⇒ a/b | b
foo ⇒ . ⇒ foo
./a/../b//c/. ⇒ b/c ⇒ b/c | c
../../x/y ⇒ ../../x ⇒ ../../x/y | ../x/y | x/y | y
/../a ⇒ / ⇒ /a | a
.. ⇒ . ⇒ ..
/// ⇒ / ⇒ /
src/日本/ä.go:12 ⇒ src/日本 ⇒ src/日本/ä.go:12 | 日本/ä.go:12 | ä.go:12
x/y\n/pkg.F ⇒ x/y\n ⇒ x/y\n/pkg.F | y\n/pkg.F | pkg.F";

/// Each line of a table: input, middle column, list.
fn rows(table: &str) -> impl Iterator<Item = (String, String, Vec<String>)> + '_ {
    table.lines().map(|line| {
        let cols: Vec<String> = line.split(" ⇒ ").map(|c| c.replace(r"\n", "\n")).collect();
        assert_eq!(cols.len(), 3, "{line}");
        let list = cols[2].split(" | ").map(str::to_string).collect();
        (cols[0].clone(), cols[1].clone(), list)
    })
}

#[test]
fn functions_as_pprof() {
    for (name, package, display) in rows(FUNCTIONS) {
        assert_eq!(package_name(&name), package, "{name:?}");
        assert_eq!(display_names(&name, false), display, "{name:?}");
        assert_eq!(shorten_function_name(&name), display[0], "{name:?}");
    }
}

#[test]
fn files_as_pprof() {
    for (path, dir, display) in rows(FILES) {
        assert_eq!(file_dir(&path), dir, "{path:?}");
        assert_eq!(display_names(&path, true), display, "{path:?}");
    }
}

#[test]
fn any_text_is_safe_and_lists_shrink() {
    let odd = [
        "", "/", ".", "::", ":", "<", ">", "~", "\n", "é", "日本", "/v2", "/v2.", "A",
    ];
    for a in odd {
        for b in odd {
            for s in [
                format!("{a}{b}"),
                format!("{a}é{b}.{a}"),
                format!("x{a}::B::{b}"),
            ] {
                let _ = (shorten_function_name(&s), package_name(&s), file_dir(&s));
                for file_only in [false, true] {
                    let list = display_names(&s, file_only);
                    assert!(!list.is_empty());
                    assert!(list.windows(2).all(|w| w[0].len() > w[1].len()), "{s:?}");
                }
            }
        }
    }
}
