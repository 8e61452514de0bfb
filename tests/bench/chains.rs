//! The fixed part of the synthetic program: Go runtime and standard-library functions, as
//! call chains a real Go server's CPU profile shows, and the goroutine roots it starts from.
//!
//! One chain per line, frames caller first, separated by ` > `. The first word says what
//! the chain is:
//! - `G <weight>`: a goroutine root; stacks start with the whole chain (weight in ‰ of all
//!   samples). Chains ending in a `@hook` continue into generated application code.
//! - `R`: runtime code callable from anywhere; its first frame is a runtime entry point.
//! - `S`: standard-library code callable from the application; its first frame is an entry.
//! - `-`: more edges only (the first frame is not an entry point).
//!
//! Every consecutive pair becomes a call edge; a function named on several lines gets the
//! union of its callees, so the chains form a graph with shared prefixes and fan-out.

/// The chains; see the module documentation.
pub const CHAINS: &str = "
G 360 runtime.goexit > net/http.(*conn).serve > net/http.serverHandler.ServeHTTP > net/http.(*ServeMux).ServeHTTP > net/http.HandlerFunc.ServeHTTP > @handlers
G 40 runtime.goexit > net/http.(*conn).serve > net/http.(*conn).readRequest > net/http.readRequest > net/textproto.(*Reader).ReadMIMEHeader > net/textproto.(*Reader).readLineSlice > bufio.(*Reader).ReadLine > bufio.(*Reader).ReadSlice > bufio.(*Reader).fill > net.(*conn).Read > net.(*netFD).Read > internal/poll.(*FD).Read > internal/poll.ignoringEINTRIO > syscall.Read > syscall.read > syscall.Syscall > runtime/internal/syscall.Syscall6
G 180 runtime.goexit > @goroutines
G 40 runtime.goexit > runtime.main > main.main > @mains
G 110 runtime.goexit > runtime.gcBgMarkWorker > runtime.systemstack > runtime.gcBgMarkWorker.func2 > runtime.gcDrain
G 70 runtime.mcall > runtime.park_m > runtime.schedule > runtime.findrunnable
G 20 runtime.mstart > runtime.mstart0 > runtime.mstart1 > runtime.sysmon
G 30 runtime.goexit > runtime.bgsweep > runtime.sweepone > runtime.(*sweepLocked).sweep
G 10 runtime.goexit > runtime.bgscavenge > runtime.(*scavengerState).run > runtime.(*pageAlloc).scavenge > runtime.systemstack > runtime.(*pageAlloc).scavenge.func1 > runtime.(*pageAlloc).scavengeOne > runtime.sysUnused > runtime.madvise
G 40 runtime.goexit > net/http.(*persistConn).readLoop > bufio.(*Reader).Peek > bufio.(*Reader).fill > net/http.(*persistConn).Read > net.(*conn).Read
G 20 runtime.goexit > net/http.(*persistConn).writeLoop > net/http.(*request).write > bufio.(*Writer).Flush > net/http.persistConnWriter.Write > net.(*conn).Write > net.(*netFD).Write > internal/poll.(*FD).Write > internal/poll.ignoringEINTRIO > syscall.Write > syscall.write > syscall.Syscall > runtime/internal/syscall.Syscall6
G 30 runtime.goexit > runtime.gcBgMarkWorker > runtime.systemstack > runtime.gcBgMarkWorker.func2 > runtime.gcDrain > runtime.markroot > runtime.markroot.func1 > runtime.scanstack > runtime.gentraceback
G 10 runtime._System
G 5 runtime._ExternalCode
- runtime.findrunnable > runtime.netpoll > runtime.epollwait
- runtime.findrunnable > runtime.stealWork > runtime.runqsteal > runtime.runqgrab > runtime.usleep
- runtime.findrunnable > runtime.stealWork > runtime.checkTimers > runtime.runtimer > runtime.runOneTimer > runtime.goroutineReady > runtime.ready > runtime.wakep > runtime.startm > runtime.notewakeup > runtime.futexwakeup > runtime.futex
- runtime.findrunnable > runtime.stopm > runtime.mPark > runtime.notesleep > runtime.futexsleep > runtime.futex
- runtime.schedule > runtime.execute > runtime.gogo
- runtime.schedule > runtime.resetspinning > runtime.wakep
- runtime.park_m > runtime.parkunlock_c > runtime.unlock2
- runtime.sysmon > runtime.usleep
- runtime.sysmon > runtime.retake > runtime.preemptone > runtime.preemptM > runtime.signalM > runtime.tgkill
- runtime.sysmon > runtime.netpoll
- runtime.gcDrain > runtime.scanobject > runtime.findObject > runtime.spanOf
- runtime.gcDrain > runtime.scanobject > runtime.greyobject
- runtime.gcDrain > runtime.scanobject > runtime.heapBitsForAddr
- runtime.gcDrain > runtime.markroot > runtime.markrootBlock > runtime.scanblock > runtime.greyobject
- runtime.gcDrain > runtime.markroot > runtime.markroot.func1 > runtime.scanstack > runtime.scanframeworker > runtime.scanblock
- runtime.gentraceback > runtime.pcvalue > runtime.step
- runtime.gentraceback > runtime.funcInfo.entry
- runtime.gentraceback > runtime.findfunc
- runtime.gcDrain > runtime.(*gcWork).balance > runtime.(*gcWork).tryGet
- runtime.(*sweepLocked).sweep > runtime.(*mspan).countAlloc
- runtime.(*sweepLocked).sweep > runtime.(*mheap).freeSpan > runtime.systemstack > runtime.(*mheap).freeSpan.func1 > runtime.(*mheap).freeSpanLocked
R runtime.mallocgc > runtime.nextFreeFast
R runtime.mallocgc > runtime.(*mcache).nextFree > runtime.(*mcache).refill > runtime.(*mcentral).cacheSpan > runtime.(*mcentral).grow > runtime.(*mheap).alloc > runtime.systemstack > runtime.(*mheap).alloc.func1 > runtime.(*mheap).allocSpan > runtime.(*pageAlloc).alloc > runtime.(*pageAlloc).allocRange
- runtime.(*mcentral).cacheSpan > runtime.(*spanSet).pop
- runtime.(*mcentral).cacheSpan > runtime.(*sweepLocked).sweep
- runtime.mallocgc > runtime.memclrNoHeapPointers
- runtime.mallocgc > runtime.heapBitsSetType
- runtime.mallocgc > runtime.gcAssistAlloc > runtime.systemstack > runtime.gcAssistAlloc.func1 > runtime.gcAssistAlloc1 > runtime.gcDrainN > runtime.scanobject
- runtime.mallocgc > runtime.profilealloc > runtime.mProf_Malloc > runtime.callers > runtime.gentraceback
- runtime.mallocgc > runtime.(*mheap).allocSpan
R runtime.newobject > runtime.mallocgc
R runtime.makeslice > runtime.mallocgc
R runtime.growslice > runtime.mallocgc
- runtime.growslice > runtime.memmove
R runtime.makemap > runtime.makeBucketArray > runtime.newarray > runtime.mallocgc
R runtime.mapaccess2_faststr > runtime.aeshashbody
- runtime.mapaccess2_faststr > runtime.memequal
R runtime.mapaccess1_faststr > runtime.aeshashbody
R runtime.mapaccess1 > runtime.memhash
- runtime.mapaccess1 > runtime.memequal
R runtime.mapaccess2_fast64
R runtime.mapassign_faststr > runtime.aeshashbody
- runtime.mapassign_faststr > runtime.hashGrow > runtime.makeBucketArray
- runtime.mapassign_faststr > runtime.growWork_faststr > runtime.evacuate_faststr > runtime.typedmemmove > runtime.memmove
- runtime.mapassign_faststr > runtime.newobject
R runtime.mapassign_fast64 > runtime.growWork_fast64 > runtime.evacuate_fast64
R runtime.mapiterinit > runtime.mapiternext
R runtime.mapiternext
R runtime.mapdelete_faststr > runtime.aeshashbody
R runtime.concatstrings > runtime.rawstringtmp > runtime.rawstring > runtime.mallocgc
- runtime.concatstrings > runtime.memmove
R runtime.concatstring2 > runtime.concatstrings
R runtime.concatstring3 > runtime.concatstrings
R runtime.slicebytetostring > runtime.mallocgc
- runtime.slicebytetostring > runtime.memmove
R runtime.stringtoslicebyte > runtime.rawbyteslice > runtime.mallocgc
R runtime.intstring
R runtime.chansend1 > runtime.chansend > runtime.lock2 > runtime.procyield
- runtime.chansend > runtime.send > runtime.goready > runtime.systemstack > runtime.goready.func1 > runtime.ready > runtime.runqput
- runtime.lock2 > runtime.futexsleep
R runtime.chanrecv1 > runtime.chanrecv > runtime.lock2
- runtime.chanrecv > runtime.gopark
R runtime.chanrecv2 > runtime.chanrecv
R runtime.selectgo > runtime.sellock > runtime.lock2
- runtime.selectgo > runtime.gopark
- runtime.selectgo > runtime.selunlock > runtime.unlock2
R runtime.memmove
R runtime.memequal
R runtime.memclrNoHeapPointers
R runtime.cmpstring
R runtime.duffcopy
R runtime.duffzero
R runtime.typedmemmove > runtime.bulkBarrierPreWrite > runtime.(*wbBuf).putFast
- runtime.typedmemmove > runtime.memmove
R runtime.typedslicecopy > runtime.bulkBarrierPreWrite
R runtime.convTstring > runtime.mallocgc
R runtime.convT64 > runtime.mallocgc
R runtime.convT > runtime.mallocgc
R runtime.assertE2I > runtime.getitab > runtime.(*itabTableType).find
R runtime.assertE2I2 > runtime.getitab
R runtime.efaceeq
R runtime.ifaceeq
R runtime.deferreturn > runtime.freedefer
R runtime.deferprocStack
R runtime.newproc > runtime.systemstack > runtime.newproc.func1 > runtime.newproc1 > runtime.malg > runtime.stackalloc
- runtime.newproc1 > runtime.gfget
R runtime.morestack > runtime.newstack > runtime.copystack > runtime.memmove
- runtime.copystack > runtime.adjustframe
- runtime.copystack > runtime.gentraceback
R runtime.panicIndex > runtime.goPanicIndex
R runtime.nanotime > runtime.nanotime1 > runtime.vdsoCall
R runtime.walltime > runtime.vdsoCall
R runtime.procyield
R runtime.gcWriteBarrier > runtime.wbBufFlush > runtime.systemstack > runtime.wbBufFlush.func1 > runtime.wbBufFlush1 > runtime.greyobject
R runtime.(*Mutex).Lock
R runtime.semrelease1 > runtime.readyWithTime > runtime.goready
R runtime.semacquire1 > runtime.gopark
R runtime.Gosched > runtime.mcall
S encoding/json.Marshal > encoding/json.(*encodeState).marshal > encoding/json.(*encodeState).reflectValue > encoding/json.structEncoder.encode > encoding/json.(*encodeState).string > bytes.(*Buffer).WriteString > bytes.(*Buffer).grow > bytes.growSlice
- encoding/json.structEncoder.encode > encoding/json.mapEncoder.encode > encoding/json.(*encodeState).reflectValue
- encoding/json.structEncoder.encode > encoding/json.sliceEncoder.encode > encoding/json.arrayEncoder.encode > encoding/json.structEncoder.encode
- encoding/json.structEncoder.encode > encoding/json.ptrEncoder.encode > encoding/json.structEncoder.encode
- encoding/json.structEncoder.encode > encoding/json.intEncoder > strconv.AppendInt > strconv.formatBits
- encoding/json.structEncoder.encode > encoding/json.floatEncoder.encode > strconv.AppendFloat > strconv.genericFtoa > strconv.ryuFtoaShortest
- encoding/json.mapEncoder.encode > sort.Slice > sort.pdqsort_func > sort.insertionSort_func
- encoding/json.mapEncoder.encode > reflect.(*MapIter).Next > runtime.mapiternext
- encoding/json.(*encodeState).marshal > encoding/json.valueEncoder > encoding/json.typeEncoder > sync.(*Map).Load
S encoding/json.Unmarshal > encoding/json.(*decodeState).unmarshal > encoding/json.(*decodeState).value > encoding/json.(*decodeState).object > encoding/json.(*decodeState).value
- encoding/json.Unmarshal > encoding/json.checkValid > encoding/json.stateInString
- encoding/json.checkValid > encoding/json.(*scanner).eof
- encoding/json.(*decodeState).object > encoding/json.(*decodeState).literalStore > encoding/json.unquoteBytes > unicode/utf8.DecodeRune
- encoding/json.(*decodeState).object > encoding/json.cachedTypeFields > sync.(*Map).Load
- encoding/json.(*decodeState).object > encoding/json.(*decodeState).scanWhile > encoding/json.(*decodeState).scanNext > encoding/json.stateInString
- encoding/json.(*decodeState).object > reflect.Value.SetMapIndex > reflect.mapassign_faststr > runtime.mapassign_faststr
- encoding/json.(*decodeState).value > encoding/json.(*decodeState).array > encoding/json.(*decodeState).value
- encoding/json.(*decodeState).object > bytes.EqualFold
- encoding/json.(*decodeState).object > encoding/json.(*decodeState).rescanLiteral
S encoding/json.(*Decoder).Decode > encoding/json.(*Decoder).readValue > encoding/json.(*Decoder).refill > io.ReadAtLeast
- encoding/json.(*Decoder).Decode > encoding/json.(*decodeState).unmarshal
S encoding/json.NewEncoder
S fmt.Sprintf > fmt.(*pp).doPrintf > fmt.(*pp).printArg > fmt.(*pp).fmtInteger > fmt.(*fmt).fmtInteger
- fmt.(*pp).printArg > fmt.(*pp).fmtString > fmt.(*fmt).fmtS > fmt.(*fmt).padString > fmt.(*buffer).writeString
- fmt.(*pp).printArg > fmt.(*pp).handleMethods > fmt.(*pp).fmtString
- fmt.Sprintf > fmt.newPrinter > sync.(*Pool).Get
- fmt.Sprintf > runtime.slicebytetostring
S fmt.Fprintf > fmt.(*pp).doPrintf
S fmt.Errorf > fmt.(*pp).doPrintf
S strconv.Itoa > strconv.FormatInt > strconv.small
S strconv.ParseInt > strconv.ParseUint
S strconv.ParseFloat > strconv.parseFloatPrefix > strconv.atof64 > strconv.readFloat
S strconv.Quote > strconv.appendQuotedWith > unicode/utf8.DecodeRuneInString
S strings.(*Builder).WriteString > runtime.growslice
S strings.Split > strings.genSplit > strings.Index > internal/bytealg.IndexString
- strings.genSplit > strings.Count > internal/bytealg.CountString
S strings.Join > strings.(*Builder).Grow > strings.(*Builder).grow > runtime.growslice
S strings.Index > internal/bytealg.IndexString
S strings.IndexByte > internal/bytealg.IndexByteString
S strings.Contains > strings.Index
S strings.ToLower > strings.(*Builder).WriteByte
S strings.TrimSpace
S strings.EqualFold > unicode.SimpleFold
S strings.(*Replacer).Replace > strings.(*genericReplacer).Replace > strings.(*genericReplacer).WriteString > strings.(*genericReplacer).lookup
S strings.HasPrefix
S bytes.(*Buffer).Write > bytes.(*Buffer).grow
S bytes.(*Buffer).WriteString > bytes.(*Buffer).grow
S bytes.Index > internal/bytealg.Index
S bytes.Equal
S bufio.(*Writer).Write > bufio.(*Writer).Flush
S bufio.(*Writer).Flush > net.(*conn).Write > net.(*netFD).Write > internal/poll.(*FD).Write
S bufio.(*Scanner).Scan > bufio.ScanLines > bytes.IndexByte > internal/bytealg.IndexByte
- bufio.(*Scanner).Scan > os.(*File).Read > os.(*File).read > internal/poll.(*FD).Read
S io.ReadAll > io.(*LimitedReader).Read > net/http.(*body).Read > net/http.(*body).readLocked > bufio.(*Reader).Read > net.(*conn).Read
- io.ReadAll > runtime.growslice
S io.Copy > io.copyBuffer > io.(*LimitedReader).Read
- io.copyBuffer > bufio.(*Writer).Write
S io.ReadFull > io.ReadAtLeast > bufio.(*Reader).Read
S sort.Sort > sort.pdqsort > sort.insertionSort
- sort.pdqsort > sort.partition
- sort.pdqsort > sort.choosePivot > sort.median
S sort.Slice > sort.pdqsort_func
- sort.pdqsort_func > sort.partition_func
- sort.pdqsort_func > sort.choosePivot_func
S sort.Strings > sort.Sort
S sort.Search
S sync.(*Mutex).Lock > sync.(*Mutex).lockSlow > sync.runtime_SemacquireMutex > runtime.semacquire1
S sync.(*Mutex).Unlock > sync.(*Mutex).unlockSlow > sync.runtime_Semrelease > runtime.semrelease1
S sync.(*RWMutex).RLock > sync.runtime_SemacquireMutex
S sync.(*RWMutex).Lock > sync.(*Mutex).Lock
S sync.(*Pool).Get > sync.(*Pool).getSlow > sync.(*poolChain).popTail
- sync.(*Pool).Get > sync.(*Pool).pin > sync.(*Pool).pinSlow
S sync.(*Pool).Put > sync.(*poolChain).pushHead
S sync.(*Once).Do > sync.(*Once).doSlow
S sync.(*WaitGroup).Wait > sync.runtime_Semacquire > runtime.semacquire1
S sync.(*Map).Load
S sync.(*Map).LoadOrStore > sync.(*Map).Load
S context.WithCancel > context.propagateCancel > context.parentCancelCtx > context.(*cancelCtx).Value
- context.WithCancel > context.newCancelCtx
- context.propagateCancel > runtime.newproc
S context.WithTimeout > context.WithDeadline > time.AfterFunc > time.startTimer > runtime.addtimer > runtime.doaddtimer
- context.WithDeadline > context.propagateCancel
S context.(*valueCtx).Value > context.value
S context.(*cancelCtx).Done
S time.Now > runtime.nanotime
- time.Now > runtime.walltime
S time.Since > time.Now
S time.Time.Format > time.Time.AppendFormat > time.appendInt
- time.Time.AppendFormat > time.Time.locabs > time.(*Location).lookup
S time.NewTimer > time.startTimer
S time.(*Timer).Reset > time.resetTimer > runtime.modtimer
S time.Parse > time.parse > time.getnum
S reflect.Value.Field
S reflect.Value.Interface > reflect.valueInterface > reflect.packEface > runtime.convT
S reflect.New > reflect.unsafe_New > runtime.mallocgc
S reflect.Value.MapIndex > reflect.mapaccess_faststr > runtime.mapaccess2_faststr
S reflect.DeepEqual > reflect.deepValueEqual > reflect.deepValueEqual
S regexp.(*Regexp).MatchString > regexp.(*Regexp).doMatch > regexp.(*Regexp).doExecute > regexp.(*Regexp).backtrack > regexp.(*Regexp).tryBacktrack > regexp.(*inputString).step
- regexp.(*Regexp).doExecute > regexp.(*Regexp).get > sync.(*Pool).Get
- regexp.(*Regexp).doExecute > regexp.(*machine).match > regexp.(*machine).step > regexp.(*machine).add > regexp.(*machine).add
- regexp.(*Regexp).doExecute > regexp.(*Regexp).doOnePass > regexp.onePassNext
S regexp.(*Regexp).FindStringSubmatch > regexp.(*Regexp).doExecute
S regexp.(*Regexp).ReplaceAllString > regexp.(*Regexp).replaceAll > regexp.(*Regexp).doExecute
S unicode/utf8.DecodeRuneInString
S unicode/utf8.RuneCountInString
S unicode.IsSpace
S crypto/sha256.Sum256 > crypto/sha256.(*digest).Write > crypto/sha256.block > crypto/sha256.blockAMD64
- crypto/sha256.Sum256 > crypto/sha256.(*digest).checkSum > crypto/sha256.(*digest).Write
S crypto/sha256.(*digest).Write > crypto/sha256.block
S crypto/hmac.(*hmac).Write > crypto/sha256.(*digest).Write
S crypto/tls.(*Conn).Read > crypto/tls.(*Conn).readRecord > crypto/tls.(*Conn).readRecordOrCCS > crypto/tls.(*halfConn).decrypt > crypto/aes.(*gcmAsm).Open > crypto/aes.gcmAesDec
- crypto/tls.(*Conn).readRecordOrCCS > crypto/tls.(*Conn).readFromUntil > bytes.(*Buffer).ReadFrom > crypto/tls.(*atLeastReader).Read > net.(*conn).Read
- crypto/aes.(*gcmAsm).Open > crypto/aes.gcmAesData
S crypto/tls.(*Conn).Write > crypto/tls.(*Conn).writeRecordLocked > crypto/tls.(*halfConn).encrypt > crypto/aes.(*gcmAsm).Seal > crypto/aes.gcmAesEnc
- crypto/tls.(*Conn).writeRecordLocked > crypto/tls.(*Conn).write > net.(*conn).Write
S crypto/rand.Read > io.ReadAtLeast > crypto/rand.(*reader).Read > crypto/rand.getRandom > golang.org/x/sys/unix.GetRandom > syscall.Syscall
S compress/gzip.(*Writer).Write > compress/flate.(*Writer).Write > compress/flate.(*compressor).write > compress/flate.(*compressor).deflate > compress/flate.(*compressor).findMatch > compress/flate.matchLen
- compress/flate.(*compressor).deflate > compress/flate.(*compressor).writeBlock > compress/flate.(*huffmanBitWriter).writeBlock > compress/flate.(*huffmanBitWriter).writeTokens > compress/flate.(*huffmanBitWriter).writeCode
- compress/flate.(*huffmanBitWriter).writeBlock > compress/flate.(*huffmanEncoder).generate > compress/flate.(*huffmanEncoder).bitCounts
- compress/flate.(*compressor).deflate > compress/flate.hash4
- compress/gzip.(*Writer).Write > hash/crc32.update > hash/crc32.ieeeCLMUL
S compress/gzip.(*Reader).Read > compress/flate.(*decompressor).Read > compress/flate.(*decompressor).huffmanBlock > compress/flate.(*decompressor).huffSym
- compress/flate.(*decompressor).Read > compress/flate.(*decompressor).nextBlock > compress/flate.(*decompressor).readHuffman > compress/flate.(*huffmanDecoder).init
- compress/gzip.(*Reader).Read > hash/crc32.update
S encoding/base64.(*Encoding).EncodeToString > encoding/base64.(*Encoding).Encode
S encoding/base64.(*Encoding).DecodeString > encoding/base64.(*Encoding).Decode > encoding/base64.(*Encoding).decodeQuantum
S encoding/hex.EncodeToString > encoding/hex.Encode
S encoding/binary.Uvarint
S encoding/binary.Read > encoding/binary.(*decoder).value > reflect.Value.Field
S math.Log
S math.Exp > math.exp
S math/rand.Int63 > math/rand.(*Rand).Int63 > math/rand.(*lockedSource).Int63 > sync.(*Mutex).Lock
- math/rand.(*lockedSource).Int63 > math/rand.(*rngSource).Int63 > math/rand.(*rngSource).Uint64
S math/rand.Intn > math/rand.(*Rand).Intn > math/rand.(*Rand).Int31n > math/rand.(*Rand).Uint32 > math/rand.(*Rand).Int63
S math/big.(*Int).Mul > math/big.nat.mul > math/big.basicMul > math/big.addMulVVW
- math/big.nat.mul > math/big.karatsuba > math/big.karatsuba
S math/big.(*Int).Exp > math/big.nat.expNN > math/big.nat.expNNMontgomery > math/big.nat.montgomery
S database/sql.(*DB).QueryContext > database/sql.(*DB).query > database/sql.(*DB).queryDC > database/sql.ctxDriverQuery > github.com/lib/pq.(*conn).query > github.com/lib/pq.(*conn).recv1 > github.com/lib/pq.(*conn).recvMessage > io.ReadFull
- database/sql.(*DB).query > database/sql.(*DB).conn > database/sql.(*DB).putConn > database/sql.(*DB).putConnDBLocked
- database/sql.(*DB).conn > sync.(*Mutex).Lock
- github.com/lib/pq.(*conn).query > github.com/lib/pq.(*conn).send > github.com/lib/pq.(*conn).sendSimpleMessage > net.(*conn).Write
S database/sql.(*Rows).Next > database/sql.(*Rows).nextLocked > github.com/lib/pq.(*rows).Next > github.com/lib/pq.(*conn).recv1Buf > github.com/lib/pq.(*conn).recvMessage
- github.com/lib/pq.(*rows).Next > github.com/lib/pq.decode > github.com/lib/pq.textDecode > strconv.ParseInt
S database/sql.(*Rows).Scan > database/sql.convertAssignRows > reflect.Value.Interface
- database/sql.convertAssignRows > database/sql.asString > strconv.FormatInt
S database/sql.(*DB).ExecContext > database/sql.(*DB).exec > database/sql.(*DB).execDC > database/sql.resultFromStatement > github.com/lib/pq.(*conn).Exec > github.com/lib/pq.(*conn).simpleExec > github.com/lib/pq.(*conn).recv1
S net/http.(*Client).Do > net/http.(*Client).do > net/http.(*Client).send > net/http.send > net/http.(*Transport).RoundTrip > net/http.(*Transport).roundTrip > net/http.(*persistConn).roundTrip > runtime.selectgo
- net/http.(*Transport).roundTrip > net/http.(*Transport).getConn > net/http.(*Transport).queueForIdleConn > sync.(*Mutex).Lock
- net/http.(*Client).do > net/url.Parse > net/url.parse > net/url.unescape
S net/http.(*response).Write > net/http.(*response).write > bufio.(*Writer).Write > net/http.(*chunkWriter).Write > net/http.(*chunkWriter).writeHeader > net/http.Header.writeSubset > net/http.Header.sortedKeyValues > sort.Sort
- net/http.(*chunkWriter).Write > bufio.(*Writer).Write
- net/http.(*chunkWriter).writeHeader > net/http.appendTime > time.Time.AppendFormat
S net/http.Header.Get > net/textproto.MIMEHeader.Get > net/textproto.CanonicalMIMEHeaderKey
S net/http.Header.Set > net/textproto.MIMEHeader.Set > net/textproto.CanonicalMIMEHeaderKey > net/textproto.canonicalMIMEHeaderKey
S net/http.(*Request).Context
S net/http.(*Request).FormValue > net/http.(*Request).ParseMultipartForm > net/http.(*Request).ParseForm > net/http.parsePostForm > net/url.ParseQuery > net/url.parseQuery > net/url.QueryUnescape > net/url.unescape
S net/url.Parse > net/url.parse > net/url.parseAuthority
S net/url.(*URL).Query > net/url.ParseQuery
S net/url.(*URL).String > strings.(*Builder).WriteString
S os.(*File).Write > os.(*File).write > internal/poll.(*FD).Write
S log.Printf > log.(*Logger).Output > log.(*Logger).formatHeader > log.itoa
- log.(*Logger).Output > os.(*File).Write
- log.(*Logger).Output > sync.(*Mutex).Lock
S errors.New
S errors.Is > errors.(*joinError).Unwrap
S errors.As > internal/reflectlite.TypeOf
S google.golang.org/protobuf/proto.Marshal > google.golang.org/protobuf/proto.MarshalOptions.marshal > google.golang.org/protobuf/internal/impl.(*MessageInfo).marshal > google.golang.org/protobuf/internal/impl.(*MessageInfo).marshalAppendPointer > google.golang.org/protobuf/internal/impl.appendMessageSliceInfo > google.golang.org/protobuf/internal/impl.(*MessageInfo).marshalAppendPointer
- google.golang.org/protobuf/internal/impl.(*MessageInfo).marshalAppendPointer > google.golang.org/protobuf/internal/impl.appendStringValidateUTF8 > unicode/utf8.ValidString
- google.golang.org/protobuf/internal/impl.(*MessageInfo).marshalAppendPointer > google.golang.org/protobuf/internal/impl.appendVarint
- google.golang.org/protobuf/proto.MarshalOptions.marshal > google.golang.org/protobuf/internal/impl.(*MessageInfo).sizePointer > google.golang.org/protobuf/internal/impl.(*MessageInfo).sizePointerSlow
S google.golang.org/protobuf/proto.Unmarshal > google.golang.org/protobuf/proto.UnmarshalOptions.unmarshal > google.golang.org/protobuf/internal/impl.(*MessageInfo).unmarshal > google.golang.org/protobuf/internal/impl.(*MessageInfo).unmarshalPointer > google.golang.org/protobuf/internal/impl.consumeMessageSliceInfo > google.golang.org/protobuf/internal/impl.(*MessageInfo).unmarshalPointer
- google.golang.org/protobuf/internal/impl.(*MessageInfo).unmarshalPointer > google.golang.org/protobuf/internal/impl.consumeStringValidateUTF8 > unicode/utf8.ValidString
- google.golang.org/protobuf/internal/impl.(*MessageInfo).unmarshalPointer > google.golang.org/protobuf/internal/impl.pointer.Apply
- google.golang.org/protobuf/internal/impl.(*MessageInfo).unmarshalPointer > runtime.newobject
S google.golang.org/grpc.(*ClientConn).Invoke > google.golang.org/grpc.invoke > google.golang.org/grpc.(*clientStream).RecvMsg > google.golang.org/grpc.(*clientStream).withRetry > google.golang.org/grpc.(*csAttempt).recvMsg > google.golang.org/grpc.recvAndDecompress > google.golang.org/grpc.(*parser).recvMsg > io.ReadFull
- google.golang.org/grpc.invoke > google.golang.org/grpc.newClientStream > google.golang.org/grpc.newClientStreamWithParams > context.WithCancel
- google.golang.org/grpc.(*csAttempt).recvMsg > google.golang.org/grpc/encoding/proto.codec.Unmarshal > google.golang.org/protobuf/proto.Unmarshal
- google.golang.org/grpc.invoke > google.golang.org/grpc.(*clientStream).SendMsg > google.golang.org/grpc/encoding/proto.codec.Marshal > google.golang.org/protobuf/proto.Marshal
S go.uber.org/zap.(*Logger).Info > go.uber.org/zap.(*Logger).check > go.uber.org/zap/zapcore.(*ioCore).Check
- go.uber.org/zap.(*Logger).Info > go.uber.org/zap/zapcore.(*CheckedEntry).Write > go.uber.org/zap/zapcore.(*ioCore).Write > go.uber.org/zap/zapcore.(*jsonEncoder).EncodeEntry > go.uber.org/zap/zapcore.(*jsonEncoder).AppendString > go.uber.org/zap/zapcore.(*jsonEncoder).safeAddString > unicode/utf8.DecodeRuneInString
- go.uber.org/zap/zapcore.(*ioCore).Write > go.uber.org/zap/zapcore.(*lockedWriteSyncer).Write > sync.(*Mutex).Lock
- go.uber.org/zap/zapcore.(*jsonEncoder).EncodeEntry > go.uber.org/zap/zapcore.(*jsonEncoder).AppendTime > time.Time.AppendFormat
S go.uber.org/zap.(*Logger).Debug > go.uber.org/zap.(*Logger).check
";

/// Small standard-library functions the Go compiler inlines into their callers; they appear
/// as inlined lines of the callers' locations (`sync.(*Mutex).Lock` is the classic one).
pub const INLINABLE: &[&str] = &[
    "sync.(*Mutex).Lock",
    "sync.(*Mutex).Unlock",
    "sync/atomic.(*Int64).Add",
    "sync/atomic.(*Int64).Load",
    "sync/atomic.(*Bool).Load",
    "bytes.(*Buffer).Len",
    "bytes.(*Buffer).Bytes",
    "strings.HasPrefix",
    "strings.TrimSpace",
    "strings.IndexByte",
    "time.Time.Unix",
    "time.Time.Sub",
    "time.Duration.Seconds",
    "math.Float64bits",
    "encoding/binary.bigEndian.Uint32",
    "encoding/binary.littleEndian.Uint64",
    "unicode/utf8.RuneLen",
    "context.(*cancelCtx).Done",
    "errors.New",
    "net/http.(*Request).Context",
];
